# Writes requests.jsonl, the hostile-request corpus of FuzzIT (io.addrservice.store): python3 generate.py
# Each line: id, what, expect (json4xx | any4xx | framing | any | noanswer) and either method, path,
# headers, body/bodyBase64 (noLength: send no Content-Length) or raw (bytes as ISO-8859-1).
# {id} is a stored entry's id, {REPEAT:c:n} n copies of c.
import json, base64
cases = []
def add(group, what, expect="json4xx", **kw):
    n = sum(1 for c in cases if c["id"].startswith(group + "-")) + 1
    c = {"id": f"{group}-{n:03d}", "what": what, "expect": expect}
    c.update(kw)
    cases.append(c)

ADDR = '{"kind": "home", "street_name": "S", "pincode": 1, "country": "C"}'
PHONE = '{"kind": "home", "country_code": 1, "local_number": 2}'
def entry(extra): return '{"full_name": "Fuzz"' + extra + '}'
J = [["Content-Type", "application/json"]]

# --- bodies: not JSON, not an object, broken syntax (POST and PUT) ---
bad_bodies = [
 ("empty body", ""), ("whitespace only", "   \n\t "), ("null", "null"), ("true", "true"), ("number", "42"),
 ("string", '"x"'), ("array", "[]"), ("array of entry", '[{"full_name": "A"}]'), ("truncated object", '{"full_name": "A"'),
 ("truncated string", '{"full_name": "A'), ("trailing comma", '{"full_name": "A",}'), ("trailing garbage", '{"full_name": "A"} x'),
 ("two objects", '{"full_name": "A"}{"full_name": "B"}'), ("single quotes", "{'full_name': 'A'}"), ("unquoted key", '{full_name: "A"}'),
 ("comment", '{/* c */ "full_name": "A"}'), ("line comment", '{"full_name": "A"} // c'), ("NaN", '{"full_name": "A", "phone_numbers": [{"kind": "home", "country_code": NaN, "local_number": 1}]}'),
 ("Infinity", '{"full_name": "A", "phone_numbers": [{"kind": "home", "country_code": Infinity, "local_number": 1}]}'),
 ("-Infinity", '{"full_name": "A", "phone_numbers": [{"kind": "home", "country_code": -Infinity, "local_number": 1}]}'),
 ("hex number", '{"full_name": "A", "phone_numbers": [{"kind": "home", "country_code": 0x1F, "local_number": 1}]}'),
 ("leading zero", '{"full_name": "A", "phone_numbers": [{"kind": "home", "country_code": 01, "local_number": 1}]}'),
 ("plus sign", '{"full_name": "A", "phone_numbers": [{"kind": "home", "country_code": +1, "local_number": 1}]}'),
 ("bare point", '{"full_name": "A", "phone_numbers": [{"kind": "home", "country_code": .5, "local_number": 1}]}'),
 ("trailing point", '{"full_name": "A", "phone_numbers": [{"kind": "home", "country_code": 1., "local_number": 1}]}'),
 ("bare exponent", '{"full_name": "A", "phone_numbers": [{"kind": "home", "country_code": 1e, "local_number": 1}]}'),
 ("duplicate key", '{"full_name": "A", "full_name": "B"}'), ("duplicate nested key", '{"full_name": "A", "addresses": [{"kind": "home", "kind": "work", "street_name": "S", "pincode": 1, "country": "C"}]}'),
 ("raw newline in string", '{"full_name": "A\nB"}'), ("raw tab in string", '{"full_name": "A\tB"}'), ("raw control char", '{"full_name": "A\u0001B"}'),
 ("bad escape", '{"full_name": "A\\qB"}'), ("short unicode escape", '{"full_name": "A\\u12"}'), ("unterminated escape", '{"full_name": "A\\'),
 ("deep arrays 1001", "[" * 1001 + "]" * 1001), ("deep objects 1001", '{"a":' * 1001 + "1" + "}" * 1001),
 ("deep inside entry", '{"full_name": "A", "addresses": ' + "[" * 1200 + "]" * 1200 + "}"),
 ("unclosed deep", "[" * 5000), ("closing only", "}}}]]]"), ("colon only", ":"), ("key without value", '{"full_name":}'),
 ("value without key", '{"A"}'), ("null byte outside string", '{"full_name": "A"}\u0000'), ("literal nul", '{"full_name": nul}'),
 ("True capital", '{"full_name": True}'), ("backslash outside", '\\{"full_name": "A"}'),
]
for what, body in bad_bodies:
    add("body", "POST " + what, method="POST", path="/addresses", headers=J, body=body)
for what, body in bad_bodies[:20]:
    add("body", "PUT " + what, method="PUT", path="/addresses/{id}", headers=J, body=body)
for what, body in bad_bodies[:20]:
    add("merge", "merge " + what, method="POST", path="/addresses/{id}/merge", headers=J, body=body)
for what, body in [("no from", "{}"), ("from not an array", '{"from": "x"}'), ("empty from", '{"from": []}'),
                   ("from of numbers", '{"from": [1, 2]}'), ("from of nulls", '{"from": [null]}'),
                   ("version not a number", '{"from": [{"id": "' + "0" * 32 + '", "version": "1"}]}'),
                   ("version zero", '{"from": [{"id": "' + "0" * 32 + '", "version": 0}]}'),
                   ("huge version", '{"from": [{"id": "' + "0" * 32 + '", "version": 1e400}]}'),
                   ("unknown source", '{"from": ["' + "0" * 32 + '"]}'), ("malformed source id", '{"from": ["../etc"]}'),
                   ("101 sources", '{"from": [' + ",".join('"%032x"' % i for i in range(101)) + ']}'),
                   ("unknown member", '{"from": ["' + "0" * 32 + '"], "into": 1}')]:
    add("merge", "merge " + what, method="POST", path="/addresses/{id}/merge", headers=J, body=body)
add("merge", "merge into an unknown id", method="POST", path="/addresses/" + "0" * 32 + "/merge", headers=J, body='{"from": ["' + "1" * 32 + '"]}')
add("merge", "merge as XML", method="POST", path="/addresses/{id}/merge", headers=[["Content-Type", "application/xml"]], body='<from/>')
# invalid UTF-8 and encodings, as base64
raw_bytes = [
 ("invalid utf-8 byte", b'{"full_name": "A\xffB"}'), ("overlong slash", b'{"full_name": "A\xc0\xafB"}'), ("utf-8 surrogate bytes", b'{"full_name": "A\xed\xa0\x80B"}'),
 ("truncated utf-8", b'{"full_name": "A\xe2\x82"}'), ("latin-1 e acute", b'{"full_name": "Caf\xe9"}'), ("utf-16le with bom", '\ufeff{"full_name": "A"}'.encode("utf-16-le")),
 ("utf-16be", '{"full_name": "A"}'.encode("utf-16-be")), ("utf-32", '{"full_name": "A"}'.encode("utf-32")), ("bom then garbage", b'\xef\xbb\xbf\xef\xbb\xbf{"full_name": "A"}'),
 ("code point above U+10FFFF", b'{"full_name": "\xf4\x90\x80\x80"}'), ("five-byte sequence", b'{"full_name": "\xf8\x88\x80\x80\x80"}'), ("lone continuation", b'{"full_name": "\x80"}'),
]
for what, b in raw_bytes:
    add("bytes", what, method="POST", path="/addresses", headers=J, bodyBase64=base64.b64encode(b).decode())
add("bytes", "gzip header, garbage after", method="POST", path="/addresses", headers=J + [["Content-Encoding", "gzip"]], bodyBase64=base64.b64encode(b"\x1f\x8b\x08\x00garbage").decode())
add("bytes", "gzip claimed, plain body", method="POST", path="/addresses", headers=J + [["Content-Encoding", "gzip"]], body='{"full_name": "A"}')
add("bytes", "deflate claimed, plain body", method="POST", path="/addresses", headers=J + [["Content-Encoding", "deflate"]], body='{"full_name": "A"}')
import gzip, zlib
bomb = gzip.compress(b" " * (2 * 1024 * 1024))
add("bytes", "gzip bomb, 2 MiB of spaces", method="POST", path="/addresses", headers=J + [["Content-Encoding", "gzip"]], bodyBase64=base64.b64encode(bomb).decode())
add("bytes", "gzip of invalid JSON", method="POST", path="/addresses", headers=J + [["Content-Encoding", "gzip"]], bodyBase64=base64.b64encode(gzip.compress(b'{"full_name": ')).decode())
add("bytes", "gzip truncated", method="POST", path="/addresses", headers=J + [["Content-Encoding", "gzip"]], bodyBase64=base64.b64encode(gzip.compress(b'{"full_name": "A"}')[:-6]).decode())
add("bytes", "gzip twice declared once", method="POST", path="/addresses", headers=J + [["Content-Encoding", "gzip"]], bodyBase64=base64.b64encode(gzip.compress(gzip.compress(b'{"full_name": "A"}'))).decode())
for enc in ["br", "compress", "zstd", "x-unknown", "gzip, br", "identity, br", "*"]:
    add("coding", "Content-Encoding " + enc, method="POST", path="/addresses", headers=J + [["Content-Encoding", enc]], body='{"full_name": "A"}')

# --- schema violations ---
schema = [
 ("no full_name", '{}'), ("full_name null", '{"full_name": null}'), ("full_name number", '{"full_name": 1}'), ("full_name array", '{"full_name": ["A"]}'),
 ("full_name object", '{"full_name": {}}'), ("full_name blank", '{"full_name": "   "}'), ("full_name empty", '{"full_name": ""}'), ("full_name tabs and newlines", '{"full_name": "\\t\\n\\r"}'),
 ("full_name boolean", '{"full_name": false}'), ("unknown top property", entry(', "nickname": "x"')), ("unknown property id", entry(', "id": "0190f8a1b2c37d4e8f90a1b2c3d4e5f6"')),
 ("unknown property version", entry(', "version": 3')), ("__proto__", entry(', "__proto__": {"admin": true}')), ("constructor", entry(', "constructor": {}')),
 ("addresses object", entry(', "addresses": {}')), ("addresses string", entry(', "addresses": "x"')), ("addresses null", entry(', "addresses": null')),
 ("address number", entry(', "addresses": [1]')), ("address null item", entry(', "addresses": [null]')), ("address empty", entry(', "addresses": [{}]')),
 ("address bad kind", entry(', "addresses": [{"kind": "car", "street_name": "S", "pincode": 1, "country": "C"}]')),
 ("address kind case", entry(', "addresses": [{"kind": "HOME", "street_name": "S", "pincode": 1, "country": "C"}]')),
 ("address kind number", entry(', "addresses": [{"kind": 1, "street_name": "S", "pincode": 1, "country": "C"}]')),
 ("address no street", entry(', "addresses": [{"kind": "home", "pincode": 1, "country": "C"}]')),
 ("address blank street", entry(', "addresses": [{"kind": "home", "street_name": " ", "pincode": 1, "country": "C"}]')),
 ("address no pincode", entry(', "addresses": [{"kind": "home", "street_name": "S", "country": "C"}]')),
 ("address pincode bool", entry(', "addresses": [{"kind": "home", "street_name": "S", "pincode": true, "country": "C"}]')),
 ("address pincode object", entry(', "addresses": [{"kind": "home", "street_name": "S", "pincode": {}, "country": "C"}]')),
 ("address pincode null", entry(', "addresses": [{"kind": "home", "street_name": "S", "pincode": null, "country": "C"}]')),
 ("address no country", entry(', "addresses": [{"kind": "home", "street_name": "S", "pincode": 1}]')),
 ("address unit_number string", entry(', "addresses": [{"kind": "home", "street_name": "S", "pincode": 1, "country": "C", "unit_number": "1"}]')),
 ("address street_number array", entry(', "addresses": [{"kind": "home", "street_name": "S", "pincode": 1, "country": "C", "street_number": [1]}]')),
 ("address city number", entry(', "addresses": [{"kind": "home", "street_name": "S", "pincode": 1, "country": "C", "city": 5}]')),
 ("address unknown property", entry(', "addresses": [{"kind": "home", "street_name": "S", "pincode": 1, "country": "C", "zip": 1}]')),
 ("phones object", entry(', "phone_numbers": {"kind": "home"}')), ("phone empty", entry(', "phone_numbers": [{}]')),
 ("phone country_code string", entry(', "phone_numbers": [{"kind": "home", "country_code": "1", "local_number": 2}]')),
 ("phone local_number string", entry(', "phone_numbers": [{"kind": "home", "country_code": 1, "local_number": "2"}]')),
 ("phone area_code null", entry(', "phone_numbers": [{"kind": "home", "country_code": 1, "local_number": 2, "area_code": null}]')),
 ("phone bad kind", entry(', "phone_numbers": [{"kind": "mobile", "country_code": 1, "local_number": 2}]')),
 ("fax missing local", entry(', "fax_numbers": [{"kind": "work", "country_code": 1}]')),
 ("fax unknown property", entry(', "fax_numbers": [{"kind": "work", "country_code": 1, "local_number": 2, "ext": 3}]')),
 ("emails object", entry(', "emails": {"kind": "home", "email": "a@b.c"}')), ("email empty", entry(', "emails": [{}]')),
 ("email number", entry(', "emails": [{"kind": "home", "email": 1}]')), ("email null", entry(', "emails": [{"kind": "home", "email": null}]')),
 ("email no kind", entry(', "emails": [{"email": "a@example.org"}]')),
 ("every list wrong", entry(', "addresses": 1, "phone_numbers": 2, "fax_numbers": 3, "emails": 4')),
 ("many violations", '{"x": 1, "addresses": [{"kind": "car"}], "emails": [{"kind": "home", "email": "nope"}]}'),
]
for what, body in schema:
    add("schema", what, method="POST", path="/addresses", headers=J, body=body)
for what, body in schema[:12]:
    add("schema", "PUT " + what, method="PUT", path="/addresses/{id}", headers=J, body=body)
bad_emails = ["plain", "@example.com", "a@", "@", "a b@example.com", "a@exa mple.com", "a@b@example.com", "a..b@example.com", ".a@example.com",
 "a.@example.com", "a@-foo.com", "a@foo-.com", "a@foo..com", "a@foo.com.", "a@1.2.3.4", "\"\"@example.com", "a@[300.1.1.1]", "a@[IPv6:zz::1]",
 "l" * 65 + "@example.com", "a@" + ("d" * 64) + ".com", "a@" + ".".join(["d" * 63] * 5), "a@foo_bar.com", "a\u0000@example.com", "<a@example.com>",
 "a@example.com (comment)", "mailto:a@example.com"]
for e in bad_emails:
    add("email", "email " + e[:40], method="POST", path="/addresses", headers=J, body=entry(', "emails": [{"kind": "home", "email": ' + json.dumps(e) + '}]'))

# --- numbers ---
nums = ["1e2147483647", "1e2147483648", "1e9999999999", "1e-2147483648", "-1e2147483647", "1e1000", "1e-1001", "0e-1001", "9" * 1001, "0." + "0" * 1000 + "1",
 "1{REPEAT:0:70000}", "1e99999999999999999999", "-0e-99999", "123456789e2147483600", "1E+2147483647", "1.5e-2147483647"]
fields = [("phone country_code", lambda n: ', "phone_numbers": [{"kind": "home", "country_code": %s, "local_number": 2}]' % n),
          ("address street_number", lambda n: ', "addresses": [{"kind": "home", "street_name": "S", "pincode": 1, "country": "C", "street_number": %s}]' % n)]
for n in nums:
    for fname, f in fields:
        add("number", f"{fname} = {n[:30]}", method="POST", path="/addresses", headers=J, body=entry(f(n)))
add("number", "pincode 1e2147483647", method="POST", path="/addresses", headers=J, body=entry(', "addresses": [{"kind": "home", "street_name": "S", "pincode": 1e2147483647, "country": "C"}]'))
add("number", "unit_number 1e-2147483647", method="POST", path="/addresses", headers=J, body=entry(', "addresses": [{"kind": "home", "street_name": "S", "pincode": 1, "country": "C", "unit_number": 1e-2147483647}]'))

# --- strings and Unicode the engines cannot keep ---
for what, s in [("escaped NUL", "A\\u0000B"), ("lone high surrogate", "\\ud800"), ("lone low surrogate", "\\udc00"), ("reversed pair", "\\udc00\\ud800"),
                ("high at end", "abc\\ud83d"), ("NUL only", "\\u0000")]:
    for field, tmpl in [("full_name", '{"full_name": "%s"}'), ("city", entry(', "addresses": [{"kind": "home", "street_name": "S", "pincode": 1, "country": "C", "city": "%s"}]')),
                        ("pincode", entry(', "addresses": [{"kind": "home", "street_name": "S", "pincode": "%s", "country": "C"}]'))]:
        add("unicode", f"{field} with {what}", method="POST", path="/addresses", headers=J, body=tmpl % s)

# --- sizes ---
add("size", "body of 65 KiB (over 64 KiB)", method="POST", path="/addresses", headers=J, body='{"full_name": "{REPEAT:x:66560}"}')
add("size", "body of 1 MiB", method="POST", path="/addresses", headers=J, body='{"full_name": "{REPEAT:x:1048576}"}')
add("size", "PUT body of 65 KiB", method="PUT", path="/addresses/{id}", headers=J, body='{"full_name": "{REPEAT:x:66560}"}')
add("size", "10000 addresses of garbage", method="POST", path="/addresses", headers=J, body=entry(', "addresses": [' + ",".join(["1"] * 10000) + "]"))
add("size", "Content-Length 11 MiB declared", method="POST", path="/addresses", headers=J + [["Content-Length", str(11 * 1024 * 1024)]], body="", noLength=True, expect="framing")

# --- media types and other headers ---
for ct in ["application/xml", "text/html", "multipart/form-data; boundary=x", "*/*", "application/*", "text/*", "image/png", "application/octet-stream",
           "nonsense", "application/json/extra", ";", "application/", "/json"]:
    add("media", "Content-Type " + ct, method="POST", path="/addresses", headers=[["Content-Type", ct]], body='{"full_name": "A"}')
for v in ["", " ", "1", "abc", "W/1", "\"1", "\"1\", *", "*, *", ",", "\"a b\""]:
    add("condition", f"PUT If-Match [{v}]", method="PUT", path="/addresses/{id}", headers=J + [["If-Match", v]], body='{"full_name": "Other"}')
    add("condition", f"DELETE If-Match [{v}]", method="DELETE", path="/addresses/{id}", headers=[["If-Match", v]])
    add("condition", f"GET If-None-Match [{v}]", method="GET", path="/addresses/{id}", headers=[["If-None-Match", v]])
add("condition", "PUT stale If-Match", method="PUT", path="/addresses/{id}", headers=J + [["If-Match", "\"999\""]], body='{"full_name": "Other"}')
add("condition", "DELETE weak If-Match", method="DELETE", path="/addresses/{id}", headers=[["If-Match", "W/\"1\""]])
for o in ["http://evil.example", "null", "https://127.0.0.1", "http://127.0.0.1.evil.example", "file://", "http://[::1]:1"]:
    add("origin", "POST from " + o, method="POST", path="/addresses", headers=J + [["Origin", o]], body='{"full_name": "A"}')
    add("origin", "DELETE from " + o, method="DELETE", path="/addresses/{id}", headers=[["Origin", o]])
add("origin", "PUT from another origin", method="PUT", path="/addresses/{id}", headers=J + [["Origin", "http://evil.example"]], body='{"full_name": "Other"}')
add("header", "Accept application/xml on GET", method="GET", path="/addresses/{id}", headers=[["Accept", "application/xml"]])
add("header", "Accept image/png on list", method="GET", path="/addresses", headers=[["Accept", "image/png"]])

# --- ids in paths ---
for pid in ["0", "z" * 32, "0" * 32, "0190f8a1b2c37d4e8f90a1b2c3d4e5f6", "a" * 64, "a" * 65, "%00", "..", "%2e%2e", "..%2f..%2fetc%2fpasswd", "%2F", "a%20b",
            "' OR '1'='1", "%27%20OR%20%271%27%3D%271", "id;x=1", "%C0%AF", "%FF", "%uFFFF", "%", "%zz", "\u00e9".encode().decode("latin-1"), "A" * 2000,
            "changes", "export", "-", "---", "0190F8A1B2C37D4E8F90A1B2C3D4E5F6"]:
    from urllib.parse import quote
    p = pid if pid.startswith("%") or "%" in pid else quote(pid, safe="%")
    # The fixed names under /addresses/ are endpoints of their own for GET: never ids.
    add("id", "GET /addresses/" + pid[:40], method="GET", path="/addresses/" + p,
        expect="any" if pid in ("changes", "export") else "json4xx")
    add("id", "DELETE /addresses/" + pid[:40], method="DELETE", path="/addresses/" + p)
add("id", "PUT unknown id", method="PUT", path="/addresses/0190f8a1b2c37d4e8f90a1b2c3d4e5f6", headers=J, body='{"full_name": "A"}')
add("id", "POST to an id", method="POST", path="/addresses/{id}", headers=J, body='{"full_name": "A"}')
add("id", "nested path", method="GET", path="/addresses/{id}/x")
add("id", "unknown endpoint", method="GET", path="/address")
add("id", "double slash", method="GET", path="//addresses//", expect="any")
add("id", "path with matrix", method="GET", path="/addresses;x=1")
add("id", "PUT collection", method="PUT", path="/addresses", headers=J, body='{"full_name": "A"}')
add("id", "DELETE collection", method="DELETE", path="/addresses")

# --- query parameters ---
for q in ["limit=0", "limit=-1", "limit=1001", "limit=abc", "limit=1e3", "limit=1.0", "limit=+5", "limit=%205", "limit=99999999999999999999", "limit=0x10",
          "after=xyz", "after=" + "0" * 31, "after=" + "G" * 32, "after=" + "0" * 33, "after=%00", "limit=0&after=bad", "limit=5&limit=abc",
          "limit=%FF", "after=..%2F", "limit=1%00"]:
    # JAX-RS reads the first of repeated parameters: the second is never seen.
    add("query", "GET /addresses?" + q, method="GET", path="/addresses?" + q, expect="any" if q == "limit=5&limit=abc" else "json4xx")

# --- methods ---
for m in ["TRACE", "PATCH", "CONNECT", "FOO", "PROPFIND", "MKCOL", "DELETEX"]:
    add("method", m + " /addresses", method=m, path="/addresses", headers=J, body='{"full_name": "A"}')
add("method", "PATCH entry to no name", method="PATCH", path="/addresses/{id}", headers=[["Content-Type", "application/merge-patch+json"]], body='{"full_name": null}')
add("method", "PATCH entry with a JSON Patch", method="PATCH", path="/addresses/{id}", headers=[["Content-Type", "application/json-patch+json"]], body='[{"op": "remove", "path": "/full_name"}]')
add("method", "POST with GET override header", method="POST", path="/addresses", headers=J + [["X-HTTP-Method-Override", "DELETE"]], body='{}')

# --- raw framing over the socket ---
R = lambda s: s
raws = [
 ("Content-Length with chunked", "POST /addresses HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n12\r\n{\"full_name\": \"A\"}\r\n0\r\n\r\n", "json4xx"),
 ("chunked with Content-Length first", "POST /addresses HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 100\r\n\r\n0\r\n\r\n", "json4xx"),
 ("CL and TE on HTTP/1.0", "POST /addresses HTTP/1.0\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "json4xx"),
 ("chunk size not hex", "POST /addresses HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", "json4xx"),
 ("negative chunk size", "POST /addresses HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n\r\n", "json4xx"),
 ("chunk data too long", "POST /addresses HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{\"full_name\": \"A\"}\r\n0\r\n\r\n", "json4xx"),
 ("chunk size overflow", "POST /addresses HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n", "json4xx"),
 ("missing Host", "GET /addresses HTTP/1.1\r\n\r\n", "json4xx"),
 ("two Host headers", "GET /addresses HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "json4xx"),
 ("empty If-Match on DELETE", "DELETE /addresses/{id} HTTP/1.1\r\nHost: h\r\nIf-Match:\r\n\r\n", "json4xx"),
 ("empty If-None-Match on GET", "GET /addresses/{id} HTTP/1.1\r\nHost: h\r\nIf-None-Match: \r\n\r\n", "json4xx"),
 ("body shorter than Content-Length then close", "POST /addresses HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"full_name\"", "noanswer"),
 ("chunked body cut off", "POST /addresses HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"full", "noanswer"),
 ("two different Content-Lengths", "POST /addresses HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", "framing"),
 ("non-numeric Content-Length", "POST /addresses HTTP/1.1\r\nHost: h\r\nContent-Length: abc\r\n\r\n{}", "framing"),
 ("negative Content-Length", "POST /addresses HTTP/1.1\r\nHost: h\r\nContent-Length: -5\r\n\r\n{}", "framing"),
 ("Content-Length with plus", "POST /addresses HTTP/1.1\r\nHost: h\r\nContent-Length: +2\r\n\r\n{}", "framing"),
 ("Transfer-Encoding gzip only", "POST /addresses HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n{}", "any4xx"),
 ("Transfer-Encoding chunked twice", "POST /addresses HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", "any4xx"),
 ("header without colon", "GET /addresses HTTP/1.1\r\nHost: h\r\nNoColonHere\r\n\r\n", "framing"),
 ("space before colon", "GET /addresses HTTP/1.1\r\nHost : h\r\n\r\n", "framing"),
 ("obs-fold continuation", "GET /addresses HTTP/1.1\r\nHost: h\r\nX-A: a\r\n b\r\n\r\n", "any"),
 ("bare LF line ends", "GET /addresses HTTP/1.1\nHost: h\n\n", "any"),
 ("bad request line", "GARBAGE\r\n\r\n", "framing"),
 ("HTTP/2.0 on the request line", "GET /addresses HTTP/2.0\r\nHost: h\r\n\r\n", "framing"),
 ("HTTP/9.9", "GET /addresses HTTP/9.9\r\nHost: h\r\n\r\n", "framing"),
 ("lower-case version", "GET /addresses http/1.1\r\nHost: h\r\n\r\n", "any"),
 ("no version", "GET /addresses\r\nHost: h\r\n\r\n", "framing"),
 ("absolute URI of another host", "GET http://evil.example/addresses HTTP/1.1\r\nHost: h\r\n\r\n", "any"),
 ("asterisk target on GET", "GET * HTTP/1.1\r\nHost: h\r\n\r\n", "any4xx"),
 ("request line of 10 KiB", "GET /addresses?q={REPEAT:x:10240} HTTP/1.1\r\nHost: h\r\n\r\n", "framing"),
 ("header of 20 KiB", "GET /addresses HTTP/1.1\r\nHost: h\r\nX-Big: " + "x" * 20480 + "\r\n\r\n", "framing"),
 ("1000 headers", "GET /addresses HTTP/1.1\r\nHost: h\r\n" + "".join(f"X-H{i}: v\r\n" for i in range(1000)) + "\r\n", "any"),
 ("NUL in header value", "GET /addresses HTTP/1.1\r\nHost: h\r\nX-A: a\u0000b\r\n\r\n", "any"),
 ("CR in header value", "GET /addresses HTTP/1.1\r\nHost: h\r\nX-A: a\rb\r\n\r\n", "any"),
 ("control char in path", "GET /addresses/\u0001 HTTP/1.1\r\nHost: h\r\n\r\n", "any4xx"),
 ("space in path", "GET /addr esses HTTP/1.1\r\nHost: h\r\n\r\n", "any4xx"),
 ("upgrade h2c", "GET /addresses HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n", "any"),
 ("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "framing"),
 ("Expect 100-continue then nothing", "POST /addresses HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n", "noanswer"),
 ("Expect unknown", "POST /addresses HTTP/1.1\r\nHost: h\r\nExpect: teapot\r\nContent-Length: 2\r\n\r\n{}", "any4xx"),
 ("pipelined bad then good", "GET /addresses?limit=0 HTTP/1.1\r\nHost: h\r\n\r\nGET /addresses HTTP/1.1\r\nHost: h\r\n\r\n", "json4xx"),
 ("smuggled request in body", "POST /addresses HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: 44\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nDELETE /addresses/{id} HTTP/1.1\r\nHost: h\r\n\r\n", "json4xx"),
 ("TE with leading space", "POST /addresses HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:  chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n", "json4xx"),
]
for what, raw, exp in raws:
    add("raw", what, raw=raw, expect=exp)

print(len(cases))
with open(__import__("os").path.join(__import__("os").path.dirname(__file__) or ".", "requests.jsonl"), "w") as f:
    for c in cases:
        f.write(json.dumps(c, ensure_ascii=True) + "\n")
