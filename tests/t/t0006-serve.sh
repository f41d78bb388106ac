#!/bin/sh
# darn serve: the HTTP server with the REST API's index and projects,
# redirects, errors and pagination; started and stopped by the test.
. "$(dirname "$0")/lib.sh"

setup_project
darn project add --linkname second --name "Second" --listid second.example \
	--listemail second@example.com >/dev/null

start_server

test_expect_success 'the index lists the resources with absolute URLs' '
	get "$base/api/1.2/" &&
	grep -q "^HTTP/1.1 200" headers &&
	grep -q "^Content-Type: application/json" headers &&
	grep -q "\"patches\":\"$base/api/1.2/patches/\"" body
'

test_expect_success 'projects list: per version fields, Link header' '
	get "$base/api/1.0/projects/?per_page=1" &&
	grep -q "rel=\"next\"" headers &&
	grep -q "<$base/api/1.0/projects/?page=2&per_page=1>; rel=\"next\"" headers &&
	! grep -q subject_match body &&
	get "$base/api/projects/?per_page=1&page=2" &&
	grep -q "<$base/api/projects/?per_page=1>; rel=\"prev\"" headers &&
	grep -q "\"show_dependencies\":false" body
'

test_expect_success 'project detail by id and by linkname' '
	get "$base/api/1.1/projects/second/" &&
	grep -q "\"url\":\"$base/api/1.1/projects/2/\"" body &&
	get "$base/api/projects/1/" && grep -q "\"link_name\":\"test\"" body &&
	get "$base/api/projects/nope/" &&
	grep -q "^HTTP/1.1 404" headers && grep -q "Not found." body
'

test_expect_success 'missing slash redirects, keeping the query' '
	get "$base/api/projects?per_page=1" &&
	grep -q "^HTTP/1.1 301" headers &&
	grep -q "^Location: $base/api/projects/?per_page=1" headers
'

test_expect_success 'bad pages, unknown versions and methods' '
	get "$base/api/projects/?page=9" &&
	grep -q "^HTTP/1.1 404" headers && grep -q "Invalid page." body &&
	get "$base/api/projects/?page=x" && grep -q "Invalid page." body &&
	get "$base/api/1.9/projects/" && grep -q "^HTTP/1.1 404" headers &&
	grep -q "<h1>Not Found</h1>" body &&
	get -X DELETE "$base/api/projects/" &&
	grep -q "^HTTP/1.1 405" headers &&
	grep -q "Method \\\\\"DELETE\\\\\" not allowed." body
'

test_expect_success 'odd query strings get a clean answer' '
	get "$base/api/projects/?page=%ff%fe&per_page=-3&order=%00" &&
	grep -q "^HTTP/1.1 404" headers &&
	get "$base/api/projects/?per_page=99999999999999999999999" &&
	grep -q "^HTTP/1.1 200" headers
'

test_expect_success 'the browsable API: ?format=api and browsers get HTML' '
	get "$base/api/1.1/projects/?format=api" &&
	grep -q "^Content-Type: text/html; charset=utf-8" headers &&
	grep -q "<b>GET</b> /api/1.1/projects/?format=api" body &&
	grep -q "<b>HTTP 200 OK</b>" body &&
	grep -q "List projects." body &&
	grep -q "<b>Allow:</b> <span class=\"lit\">GET, HEAD, OPTIONS</span>" body &&
	grep -q "<a href=\"$base/api/1.1/projects/1/?format=api\"" body &&
	get -H "Accept: text/html,application/xhtml+xml,*/*;q=0.8" "$base/api/" &&
	grep -q "^Content-Type: text/html" headers &&
	get -H "Accept: */*" "$base/api/" &&
	grep -q "^Content-Type: application/json" headers
'

test_expect_success 'everything in the page is escaped' '
	darn project edit second --web-url "http://x/<script>alert(1)</script>" \
		>/dev/null &&
	get "$base/api/projects/second/?format=api" &&
	! grep -q "<script>" body &&
	grep -q "&lt;script&gt;alert(1)&lt;/script&gt;" body
'

test_expect_success 'OPTIONS describes the view; 406 for an unusable Accept' '
	get -X OPTIONS "$base/api/projects/" &&
	grep -q "{\"name\":\"Project List\",\"description\":\"List projects.\"" body &&
	get -H "Accept: image/png" "$base/api/projects/" &&
	grep -q "^HTTP/1.1 406" headers &&
	grep -q "Could not satisfy the request Accept header." body &&
	get "$base/api/projects/?format=xml" && grep -q "^HTTP/1.1 404" headers
'

test_expect_success 'states: darn lists the states (not in Patchwork)' '
	get "$base/api/1.0/states/" &&
	grep -q "\"slug\":\"new\",\"ordering\":0,\"action_required\":true" body &&
	test $(grep -o "\"slug\"" body | wc -l) = 10 &&
	get "$base/api/states/3/" && grep -q "\"slug\":\"accepted\"" body
'

test_expect_success 'HEAD answers like GET without a body' '
	curl -s -I "$base/api/projects/" >headers &&
	grep -q "^HTTP/1.1 200" headers && grep -q "^Link:" headers
'

stop_server
status=$?

test_expect_success 'each request is logged; SIGTERM stops the server' '
	grep -q "\"GET /api/projects/?per_page=1&page=2 HTTP/1.1\" 200 " serve.log &&
	test $status = 0 &&
	grep -q "stopping" serve.log
'

test_done
