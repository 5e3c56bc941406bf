package main

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// secretVerbs are the command lines, after --db ADDR, that must never show
// the password of ADDR, whatever happens.
var secretVerbs = [][]string{
	{"stats"}, {"--json", "stats"}, {"check"}, {"--json", "check"}, {"version"}, {"--json", "version"},
	{"dump"}, {"query", "entities"}, {"load", "testdata/sample.nq"}, {"build", "testdata/articles"},
}

// checkNoSecret runs each of secretVerbs against addr in a process of its
// own, so that what libraries log is seen too, and fails when the secret
// shows in its output. It returns the results, by verb.
func checkNoSecret(t *testing.T, addr, secret string) map[string]child {
	t.Helper()
	out := map[string]child{}
	for _, verb := range secretVerbs {
		c := runChild(t, append([]string{"--db", addr}, verb...)...)
		if strings.Contains(c.stdout, secret) || strings.Contains(c.stderr, secret) {
			t.Errorf("%s: the password shows:\nstdout: %s\nstderr: %s", strings.Join(verb, " "), c.stdout, c.stderr)
		}
		out[strings.Join(verb, " ")] = c
	}
	return out
}

// TestPasswordNeverShown: a postgres password in --db, however it is given,
// is never in an error, a log line or the output of stats, check or
// version.
func TestPasswordNeverShown(t *testing.T) {
	const secret = "s3cret"
	for _, tc := range []struct {
		name, addr string
		// the message of every verb that opens the store
		want string
	}{
		{"in the URL", "postgres://user:s3cret@127.0.0.1:1/x",
			"tradegraph: postgres postgres://user:xxxxx@127.0.0.1:1/x?connect_timeout=5&sslmode=disable: dial tcp 127.0.0.1:1: connect: connection refused\n"},
		{"with an @ of its own", "postgresql://user:s3cret@x@127.0.0.1:1/x",
			"tradegraph: postgres postgresql://user:xxxxx@127.0.0.1:1/x?connect_timeout=5&sslmode=disable: dial tcp 127.0.0.1:1: connect: connection refused\n"},
		{"as a parameter", "postgres://user@127.0.0.1:1/x?password=s3cret",
			"tradegraph: postgres postgres://user@127.0.0.1:1/x?connect_timeout=5&password=xxxxx&sslmode=disable: dial tcp 127.0.0.1:1: connect: connection refused\n"},
		{"with a bad escape", "postgres://user:s3cret%zz@127.0.0.1:1/x",
			"tradegraph: postgres address postgres://user:xxxxx@127.0.0.1:1/x does not parse: invalid URL escape\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			testdata, err := filepath.Abs("testdata")
			if err != nil {
				t.Fatal(err)
			}
			t.Chdir(t.TempDir()) // nothing may fall back to a bolt file here
			if err := os.Symlink(testdata, "testdata"); err != nil {
				t.Fatal(err)
			}
			for verb, c := range checkNoSecret(t, tc.addr, secret) {
				if strings.HasSuffix(verb, "version") {
					if c.code != exitOK {
						t.Errorf("%s: exit %d, stderr %q", verb, c.code, c.stderr)
					}
					continue
				}
				if c.code != exitFailure || c.stderr != tc.want {
					t.Errorf("%s: exit %d, stderr:\n%s\nwant exit %d and:\n%s", verb, c.code, c.stderr, exitFailure, tc.want)
				}
			}
			if entries, _ := os.ReadDir("."); len(entries) != 1 {
				t.Errorf("files left in the working directory: %v", entries)
			}
		})
	}

	t.Run("a real server", func(t *testing.T) {
		// trust authentication takes any password: every verb runs, and
		// none of them shows it
		pg := freshPostgres(t)
		u, err := url.Parse(pg)
		if err != nil {
			t.Fatal(err)
		}
		u.User = url.UserPassword(u.User.Username(), secret)
		for verb, c := range checkNoSecret(t, u.String(), secret) {
			if c.code != exitOK {
				t.Errorf("%s: exit %d, stderr %q", verb, c.code, c.stderr)
			}
		}
		u.User = url.UserPassword("nobody", secret)
		for verb, c := range checkNoSecret(t, u.String(), secret) {
			if strings.HasSuffix(verb, "version") {
				continue
			}
			start, end := "tradegraph: postgres postgres://nobody:xxxxx@"+u.Host+u.Path+"?", ": pq: role \"nobody\" does not exist\n"
			if c.code != exitFailure || !strings.HasPrefix(c.stderr, start) || !strings.HasSuffix(c.stderr, end) || strings.Count(c.stderr, "\n") != 1 {
				t.Errorf("%s as an unknown user: exit %d, stderr:\n%s\nwant exit %d and:\n%s...%s", verb, c.code, c.stderr, exitFailure, start, end)
			}
		}
	})

	t.Run("a wrong password", func(t *testing.T) {
		server, _ := restartablePostgres(t) // this server asks for passwords
		u, err := url.Parse(server)
		if err != nil {
			t.Fatal(err)
		}
		u.User = url.UserPassword(u.User.Username(), secret)
		for verb, c := range checkNoSecret(t, u.String(), secret) {
			if strings.HasSuffix(verb, "version") {
				continue
			}
			want := "tradegraph: postgres postgres://" + u.User.Username() + ":xxxxx@" + u.Host + u.Path +
				"?connect_timeout=5&sslmode=disable: pq: password authentication failed for user \"" + u.User.Username() + "\"\n"
			if c.code != exitFailure || c.stderr != want {
				t.Errorf("%s: exit %d, stderr:\n%s\nwant:\n%s", verb, c.code, c.stderr, want)
			}
		}
	})
}

// passwordForms are addresses of a server nothing listens on (127.0.0.1:1),
// each with its password written one way a user may write it, and the part
// of the address a message must still show. The passwords are made of
// pieces (Qz1, Kx2, ...) no other part of a message holds.
var passwordForms = []struct {
	name, addr, password, shown string
}{
	{"in the user info", "postgres://tg:Qz1Kx2@127.0.0.1:1/tg?connect_timeout=1", "Qz1Kx2", "127.0.0.1:1"},
	{"holding an @", "postgres://tg:Qz1@Kx2@127.0.0.1:1/tg?connect_timeout=1", "Qz1@Kx2", "127.0.0.1:1"},
	{"holding two @", "postgresql://tg:Qz1@Kx2@Wv3@127.0.0.1:1/tg?connect_timeout=1", "Qz1@Kx2@Wv3", "127.0.0.1:1"},
	{"holding a colon", "postgres://tg:Qz1:Kx2@127.0.0.1:1/tg?connect_timeout=1", "Qz1:Kx2", "127.0.0.1:1"},
	{"holding a slash", "postgres://tg:Qz1/Kx2@127.0.0.1:1/tg?connect_timeout=1", "Qz1/Kx2", "127.0.0.1:1"},
	{"holding a #", "postgres://tg:Qz1#Kx2@127.0.0.1:1/tg?connect_timeout=1", "Qz1#Kx2", "127.0.0.1:1"},
	{"holding a ?", "postgres://tg:Qz1?Kx2@127.0.0.1:1/tg?connect_timeout=1", "Qz1?Kx2", "127.0.0.1:1"},
	{"holding a bad escape", "postgres://tg:Qz1%zzKx2@127.0.0.1:1/tg?connect_timeout=1", "Qz1%zzKx2", "127.0.0.1:1"},
	{"holding a bare %", "postgres://tg:Qz1%@127.0.0.1:1/tg?connect_timeout=1", "Qz1%", "127.0.0.1:1"},
	{"percent-encoded", "postgres://tg:Qz1%40Kx2%2F@127.0.0.1:1/tg?connect_timeout=1", "Qz1%40Kx2%2F", "127.0.0.1:1"},
	{"holding a quote", "postgres://tg:Qz1'Kx2@127.0.0.1:1/tg?connect_timeout=1", "Qz1'Kx2", "127.0.0.1:1"},
	{"holding a double quote", `postgres://tg:Qz1"Kx2@127.0.0.1:1/tg?connect_timeout=1`, `Qz1"Kx2`, "127.0.0.1:1"},
	{"holding a space", "postgres://tg:Qz1 Kx2@127.0.0.1:1/tg?connect_timeout=1", "Qz1 Kx2", "127.0.0.1:1"},
	{"holding an @ and a space", "postgres://tg:Qz1@Kx2 Wv3@127.0.0.1:1/tg?connect_timeout=1", "Qz1@Kx2 Wv3", "127.0.0.1:1"},
	{"without a user name", "postgres://:Qz1Kx2@127.0.0.1:1/tg?connect_timeout=1", "Qz1Kx2", "127.0.0.1:1"},
	{"as ?password=", "postgres://tg@127.0.0.1:1/tg?password=Qz1Kx2", "Qz1Kx2", "127.0.0.1:1"},
	{"as &password=", "postgres://tg@127.0.0.1:1/tg?connect_timeout=1&password=Qz1%26Kx2", "Qz1%26Kx2", "127.0.0.1:1"},
	{"in the user info and as a parameter", "postgres://tg:Qz1@127.0.0.1:1/tg?password=Kx2", "Qz1 Kx2", "127.0.0.1:1"},
	{"key=value", "host=127.0.0.1 port=1 user=tg password=Qz1Kx2 dbname=tg connect_timeout=1", "Qz1Kx2", "host=127.0.0.1 port=1"},
	{"key=value, last", "host=127.0.0.1 port=1 connect_timeout=1 password=Qz1&Kx2", "Qz1&Kx2", "host=127.0.0.1 port=1"},
	{"key=value, quoted", "host=127.0.0.1 port=1 password='Qz1 Kx2' dbname=tg", "Qz1 Kx2", "host=127.0.0.1 port=1"},
	{"key=value, spaced and escaped", `host=127.0.0.1 port=1 password = 'Qz1\'Kx2' dbname=tg`, `Qz1\'Kx2`, "host=127.0.0.1 port=1"},
	{"key=value, an escaped space", `host=127.0.0.1 port=1 password=Qz1\ Kx2 dbname=tg`, `Qz1\ Kx2`, "host=127.0.0.1 port=1"},
	{"key=value, a quote never closed", "host=127.0.0.1 port=1 password='Qz1 Kx2 dbname=tg", "Qz1 Kx2", "host=127.0.0.1"},
	{"key=value, a value with a space unquoted", "host=127.0.0.1 port=1 password=Qz1 Kx2 dbname=tg", "Qz1 Kx2", "host=127.0.0.1 port=1"},
}

// passwordPieces are the runs of letters and digits of a password.
var passwordPieces = regexp.MustCompile(`[A-Za-z0-9]{3,}`)

// TestPasswordFormsNeverShown: whatever form the password of --db takes,
// a command that cannot reach the server says so in one line that shows
// the server and no piece of the password, and leaves no file behind: a
// key=value address is a postgres address without --backend too.
func TestPasswordFormsNeverShown(t *testing.T) {
	sample, err := filepath.Abs("testdata/sample.nq")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir()) // nothing may fall back to a bolt file here
	for _, tc := range passwordForms {
		t.Run(tc.name, func(t *testing.T) {
			for _, args := range [][]string{
				{"--db", tc.addr, "stats"},
				{"--db", tc.addr, "load", sample},
				{"--backend", "postgres", "--db", tc.addr, "stats"},
			} {
				r := tradegraph(t, args...)
				if r.code != exitFailure || !strings.HasPrefix(r.stderr, "tradegraph: ") || strings.Count(r.stderr, "\n") != 1 {
					t.Errorf("%q: exit %d, stderr %q; want exit %d and one line", args, r.code, r.stderr, exitFailure)
				}
				for _, piece := range passwordPieces.FindAllString(tc.password, -1) {
					if strings.Contains(r.stdout+r.stderr, piece) {
						t.Errorf("%q: %q of the password shows:\n%s", args, piece, r.stderr)
					}
				}
				if !strings.Contains(r.stderr, tc.shown) {
					t.Errorf("%q: the message does not show %s:\n%s", args, tc.shown, r.stderr)
				}
			}
			if entries, _ := os.ReadDir("."); len(entries) != 0 {
				t.Errorf("files left in the working directory: %v", entries)
			}
		})
	}
}

// TestPostgresAddressMessages: an address that does not parse is reported
// in its redacted form, never as the URL package quotes it, and a key=value
// address reaches for its server.
func TestPostgresAddressMessages(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, tc := range []struct{ addr, want string }{
		{"postgres://tg:sec ret@127.0.0.1:1/x",
			"postgres address postgres://tg:xxxxx@127.0.0.1:1/x does not parse: invalid userinfo"},
		{"postgres://tg:Qz1#Kx2@127.0.0.1:1/x",
			"postgres address postgres://tg:xxxxx@127.0.0.1:1/x does not parse: invalid port after host"},
		{"postgres://tg:Qz1%zz@127.0.0.1:1/x",
			"postgres address postgres://tg:xxxxx@127.0.0.1:1/x does not parse: invalid URL escape"},
		{"postgres://tg@db example/x",
			"postgres address postgres://tg@db example/x does not parse: invalid character in host name"},
		{"host=127.0.0.1 port=1 password=Qz1 Kx2 dbname=tg",
			`postgres address host=127.0.0.1 port=1 password=xxxxx ... does not parse: a word with no "=" after it (put a value that holds spaces in quotes: key='a value')`},
		{"host=127.0.0.1 port=1 password='Qz1 Kx2",
			"postgres address host=127.0.0.1 port=1 ... does not parse: a quoted value with no closing quote"},
		{`host=127.0.0.1 port=1 password=Qz1\`,
			"postgres address host=127.0.0.1 port=1 ... does not parse: a backslash with nothing after it"},
		{"host=127.0.0.1 port=1 user=tg password='Qz1' dbname=tg",
			"postgres host=127.0.0.1 port=1 user=tg password=xxxxx dbname=tg connect_timeout=5 sslmode=disable: dial tcp 127.0.0.1:1: connect: connection refused"},
	} {
		for _, verb := range []string{"stats", "check", "dump"} {
			r := tradegraph(t, "--db", tc.addr, verb)
			if want := "tradegraph: " + tc.want + "\n"; r.code != exitFailure || r.stderr != want {
				t.Errorf("--db %q %s: exit %d, stderr:\n%s\nwant exit %d and:\n%s", tc.addr, verb, r.code, r.stderr, exitFailure, want)
			}
		}
	}
	if entries, _ := os.ReadDir("."); len(entries) != 0 {
		t.Errorf("files left in the working directory: %v", entries)
	}
}
