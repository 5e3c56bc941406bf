graph [
  directed 1
  label "tradegraph network view"
  node [
    id 0
    label "Trade Office"
    nodeid "agency/trade-office"
    type "agency"
    iri "http://tradegraph.org/id/agency/trade-office"
    documents "hostile.txt"
  ]
  node [
    id 1
    label "Evil &quot;Quote&quot; \ Backslash <script>alert(1)</script> &amp; Co"
    nodeid "country/evil"
    type "country"
    iri "http://tradegraph.org/id/country/evil"
    documents "hostile.txt"
  ]
  node [
    id 2
    label "Ruritania"
    nodeid "country/ruritania"
    type "country"
    iri "http://tradegraph.org/id/country/ruritania"
    aliases "=HYPERLINK(&quot;http://evil&quot;)"
    documents "hostile.txt; other.txt"
  ]
  node [
    id 3
    label "bundle: explicit pairing"
    nodeid "doc/hostile.txt#b1"
    type "bundle"
    iri "http://tradegraph.org/id/doc/hostile.txt#b1"
    basis "explicit pairing"
    evidence "Ruritania will not cut tariffs </script><script>document.title=&quot;pwned&quot;</script><!-- for &quot;Evil&quot; \ firms."
    documents "hostile.txt"
  ]
  node [
    id 4
    label "-cmd|' /C calc'!A0 tariffs"
    nodeid "doc/hostile.txt#m1"
    type "concession"
    iri "http://tradegraph.org/id/doc/hostile.txt#m1"
    polarity "denied"
    action "cut"
    hedged 0
    instrument "tariff"
    mast "Tariff"
    sector "steel"
    evidence "Line one&#10;line two &amp; <img src=x onerror=alert(1)>&#10;Ruritania will not cut tariffs </script><script>document.title=&quot;pwned&quot;</script><!-- for &quot;Evil&quot; \ firms."
    documents "hostile.txt"
  ]
  node [
    id 5
    label "steel quota"
    nodeid "doc/hostile.txt#m2"
    type "concession"
    iri "http://tradegraph.org/id/doc/hostile.txt#m2"
    polarity "asserted"
    hedged 1
    evidence "Line one&#10;line two &amp; <img src=x onerror=alert(1)>"
    documents "hostile.txt"
  ]
  node [
    id 6
    label "=retaliate on <b>steel</b>"
    nodeid "doc/hostile.txt#p1"
    type "position"
    iri "http://tradegraph.org/id/doc/hostile.txt#p1"
    hedged 1
    instrument "tariff"
    mast "Tariff"
    sector "steel"
    evidence "Ruritania will not cut tariffs </script><script>document.title=&quot;pwned&quot;</script><!-- for &quot;Evil&quot; \ firms."
    documents "hostile.txt"
    kind "threat"
  ]
  node [
    id 7
    label "@SUM(1+1) firms"
    nodeid "firm-group/at-firms"
    type "firm_group"
    iri "http://tradegraph.org/id/firm-group/at-firms"
    documents "hostile.txt"
  ]
  node [
    id 8
    label "Jane Roe"
    nodeid "person/jane-roe"
    type "person"
    iri "http://tradegraph.org/id/person/jane-roe"
    role "+Minister"
    documents "hostile.txt"
  ]
  node [
    id 9
    label "tariff (steel)"
    nodeid "policy/tariff/steel"
    type "policy"
    iri "http://tradegraph.org/id/policy/tariff/steel"
    instrument "tariff"
    mast "Tariff"
    sector "steel"
    documents "hostile.txt; other.txt"
  ]
  node [
    id 10
    label "steel"
    nodeid "sector/steel"
    type "sector"
    iri "http://tradegraph.org/id/sector/steel"
    documents "hostile.txt; other.txt"
  ]
  edge [
    source 1
    target 5
    label "grants"
    relation "grants"
    documents "hostile.txt"
  ]
  edge [
    source 1
    target 6
    label "holds"
    relation "holds"
    documents "hostile.txt"
  ]
  edge [
    source 2
    target 4
    label "grants"
    relation "grants"
    documents "hostile.txt"
  ]
  edge [
    source 4
    target 7
    label "benefits"
    relation "benefits"
    documents "hostile.txt"
  ]
  edge [
    source 4
    target 9
    label "concerns"
    relation "concerns"
    documents "hostile.txt"
  ]
  edge [
    source 4
    target 3
    label "member-of"
    relation "member-of"
    documents "hostile.txt"
  ]
  edge [
    source 5
    target 2
    label "benefits"
    relation "benefits"
    documents "hostile.txt"
  ]
  edge [
    source 5
    target 3
    label "member-of"
    relation "member-of"
    documents "hostile.txt"
  ]
  edge [
    source 6
    target 2
    label "addresses"
    relation "addresses"
    documents "hostile.txt"
  ]
  edge [
    source 6
    target 9
    label "concerns"
    relation "concerns"
    documents "hostile.txt"
  ]
  edge [
    source 8
    target 0
    label "member-of"
    relation "member-of"
    documents "hostile.txt"
  ]
  edge [
    source 9
    target 10
    label "in-sector"
    relation "in-sector"
    documents "hostile.txt; other.txt"
  ]
]
