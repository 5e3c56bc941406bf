package graph_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/tradegraph/tradegraph/graph"
)

// passwordForms are the ways a user writes a password into an address, each
// with the password and how the address is printed. The passwords are made
// of pieces (Qz1, Kx2, ...) that no other part of a message holds, so that
// a piece of one shows if it leaks.
var passwordForms = []struct {
	name, addr, password, want string
}{
	{"in the user info", "postgres://tg:Qz1Kx2@db.example:5432/tg", "Qz1Kx2",
		"postgres://tg:xxxxx@db.example:5432/tg"},
	{"holding an @", "postgres://tg:Qz1@Kx2@db.example:5432/tg", "Qz1@Kx2",
		"postgres://tg:xxxxx@db.example:5432/tg"},
	{"holding two @", "postgresql://tg:Qz1@Kx2@Wv3@db.example/tg", "Qz1@Kx2@Wv3",
		"postgresql://tg:xxxxx@db.example/tg"},
	{"holding a colon", "postgres://tg:Qz1:Kx2@db.example/tg", "Qz1:Kx2",
		"postgres://tg:xxxxx@db.example/tg"},
	{"holding a slash", "postgres://tg:Qz1/Kx2@db.example/tg", "Qz1/Kx2",
		"postgres://tg:xxxxx@db.example/tg"},
	{"holding a #", "postgres://tg:Qz1#Kx2@db.example/tg", "Qz1#Kx2",
		"postgres://tg:xxxxx@db.example/tg"},
	{"holding a ?", "postgres://tg:Qz1?Kx2@db.example/tg", "Qz1?Kx2",
		"postgres://tg:xxxxx@db.example/tg"},
	{"holding a bad escape", "postgres://tg:Qz1%zzKx2@db.example/tg", "Qz1%zzKx2",
		"postgres://tg:xxxxx@db.example/tg"},
	{"percent-encoded", "postgresql://tg:Qz1%40Kx2%2F@db.example/tg?sslmode=require", "Qz1%40Kx2%2F",
		"postgresql://tg:xxxxx@db.example/tg?sslmode=require"},
	{"holding a quote", "postgres://tg:Qz1'Kx2@db.example/tg", "Qz1'Kx2",
		"postgres://tg:xxxxx@db.example/tg"},
	{"holding a double quote", `postgres://tg:Qz1"Kx2@db.example/tg`, `Qz1"Kx2`,
		"postgres://tg:xxxxx@db.example/tg"},
	{"holding a space", "postgres://tg:Qz1 Kx2@db.example/tg", "Qz1 Kx2",
		"postgres://tg:xxxxx@db.example/tg"},
	{"holding an @ and a space", "postgres://tg:Qz1@Kx2 Wv3@db.example/tg", "Qz1@Kx2 Wv3",
		"postgres://tg:xxxxx@db.example/tg"},
	{"holding a scheme", "postgres://tg:Qz1://Kx2@db.example/tg", "Qz1://Kx2",
		"postgres://tg:xxxxx@db.example/tg"},
	{"without a user name", "postgres://:Qz1Kx2@db.example/tg", "Qz1Kx2",
		"postgres://:xxxxx@db.example/tg"},
	{"as ?password=", "postgres://tg@db.example/tg?password=Qz1Kx2", "Qz1Kx2",
		"postgres://tg@db.example/tg?password=xxxxx"},
	{"as &password=", "postgres://db.example/tg?user=tg&password=Qz1%26Kx2&sslmode=disable", "Qz1%26Kx2",
		"postgres://db.example/tg?user=tg&password=xxxxx&sslmode=disable"},
	{"in the user info and as a parameter", "postgres://tg:Qz1@db.example/tg?password=Kx2", "Qz1 Kx2",
		"postgres://tg:xxxxx@db.example/tg?password=xxxxx"},
	{"key=value", "host=db.example user=tg password=Qz1Kx2 dbname=tg", "Qz1Kx2",
		"host=db.example user=tg password=xxxxx dbname=tg"},
	{"key=value, last", "host=db.example dbname=tg password=Qz1&Kx2", "Qz1&Kx2",
		"host=db.example dbname=tg password=xxxxx"},
	{"key=value, quoted", "host=db.example password='Qz1 Kx2' dbname=tg", "Qz1 Kx2",
		"host=db.example password=xxxxx dbname=tg"},
	{"key=value, spaced and escaped", `host=db.example password = 'Qz1\'Kx2' dbname=tg`, `Qz1\'Kx2`,
		"host=db.example password = xxxxx dbname=tg"},
	{"key=value, an escaped space", `host=db.example password=Qz1\ Kx2 dbname=tg`, `Qz1\ Kx2`,
		"host=db.example password=xxxxx dbname=tg"},
	{"key=value, a quote never closed", "host=db.example password='Qz1 Kx2 dbname=tg", "Qz1 Kx2",
		"host=db.example password=xxxxx"},
	{"key=value, sslpassword", "host=db.example sslkey=/etc/tg.key sslpassword=Qz1Kx2", "Qz1Kx2",
		"host=db.example sslkey=/etc/tg.key sslpassword=xxxxx"},
}

// passwordPieces are the runs of letters and digits of a password.
var passwordPieces = regexp.MustCompile(`[A-Za-z0-9]{3,}`)

func TestRedact(t *testing.T) {
	if len(passwordForms) < 20 {
		t.Fatalf("only %d password forms", len(passwordForms))
	}
	for _, tc := range passwordForms {
		t.Run(tc.name, func(t *testing.T) {
			got := graph.Redact(tc.addr)
			if got != tc.want {
				t.Errorf("Redact(%q) = %q, want %q", tc.addr, got, tc.want)
			}
			// in a message that quotes the address
			for _, msg := range []string{
				"postgres " + tc.addr + ": dial tcp: connection refused",
				`parse "` + tc.addr + `": net/url: invalid userinfo`,
				"one " + tc.addr + " and another postgres://u:Yt9@h2/x",
			} {
				got := graph.Redact(msg)
				for _, piece := range passwordPieces.FindAllString(tc.password+" Yt9", -1) {
					if strings.Contains(got, piece) {
						t.Errorf("Redact(%q) = %q shows %q", msg, got, piece)
					}
				}
				if !strings.Contains(got, "db.example") {
					t.Errorf("Redact(%q) = %q hides the host", msg, got)
				}
				if again := graph.Redact(got); again != got {
					t.Errorf("Redact again changed %q to %q", got, again)
				}
			}
		})
	}
}

func TestRedactLeavesTheRest(t *testing.T) {
	for _, text := range []string{
		"postgres://tg@db.example:5432/tg",
		"postgres://db.example:5432/tg?sslmode=disable",
		"postgres://tg:xxxxx@db.example/tg?connect_timeout=5&password=xxxxx: dial tcp 127.0.0.1:1: connect: connection refused",
		"postgres host=db.example password=xxxxx connect_timeout=5: dial tcp",
		"host=db.example user=tg dbname=tg",
		"data/tradegraph.db",
		"/tmp/a:b@c.db: no store here",
		"memory",
		`pq: password authentication failed for user "tg"`,
		"articles/kenya-uk.txt:12: measure without a grantor",
	} {
		if got := graph.Redact(text); got != text {
			t.Errorf("Redact(%q) = %q, want it unchanged", text, got)
		}
	}
}
