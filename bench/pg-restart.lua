-- wrk script of bench/pg-restart.sh: a mix of darn's reads (lists,
-- details, mbox, events) and token writes (PATCH a patch's state, POST a
-- check), and the count of each status per second of wall time, printed
-- at the end as "second status count" lines (thread counts summed).
--
-- Settings come from the environment, set by pg-restart.sh:
--   PGR_TOKEN   an API token of a maintainer of the patches' project
--   PGR_PATCHES patch ids, separated by commas
--   PGR_PROJECT the project's linkname
--   PGR_MBOXES  the mbox paths of those patches, separated by spaces
local token = os.getenv("PGR_TOKEN")
local project = os.getenv("PGR_PROJECT")
local patches = {}
for id in string.gmatch(os.getenv("PGR_PATCHES"), "%d+") do
	patches[#patches + 1] = id
end

local mboxes = {}
for path in string.gmatch(os.getenv("PGR_MBOXES"), "%S+") do
	mboxes[#mboxes + 1] = path
end

local threads = {}
function setup(thread)
	threads[#threads + 1] = thread
end

local n = 0
counts = {} -- "second status" -> count; read by done() via thread:get

local states = { "new", "under-review", "accepted", "changes-requested" }

local function patch_id()
	return patches[math.random(#patches)]
end

function request()
	n = n + 1
	local k = n % 10
	local id = patch_id()
	if k == 0 then
		return wrk.format("PATCH", "/api/patches/" .. id .. "/", {
			["Authorization"] = "Token " .. token,
			["Content-Type"] = "application/json",
		}, '{"state": "' .. states[n % #states + 1] .. '"}')
	elseif k == 5 then
		return wrk.format("POST", "/api/patches/" .. id .. "/checks/", {
			["Authorization"] = "Token " .. token,
			["Content-Type"] = "application/json",
		}, '{"state": "success", "context": "pg-restart"}')
	elseif k == 1 then
		return wrk.format("GET", "/api/patches/?project=" .. project ..
			"&per_page=30&page=" .. math.random(20))
	elseif k == 2 then
		return wrk.format("GET", "/api/patches/" .. id .. "/")
	elseif k == 3 then
		return wrk.format("GET", "/api/events/?project=" .. project)
	elseif k == 4 then
		return wrk.format("GET", mboxes[math.random(#mboxes)])
	elseif k == 6 then
		return wrk.format("GET", "/api/series/?project=" .. project)
	elseif k == 7 then
		return wrk.format("GET", "/api/patches/" .. id .. "/comments/")
	elseif k == 8 then
		return wrk.format("GET", "/api/covers/?project=" .. project)
	end
	return wrk.format("GET", "/api/patches/" .. id .. "/checks/")
end

function response(status, headers, body)
	local key = os.time() .. " " .. status
	counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests)
	local total = {}
	for _, t in ipairs(threads) do
		for key, c in pairs(t:get("counts")) do
			total[key] = (total[key] or 0) + c
		end
	end
	for key, c in pairs(total) do
		io.write("count " .. key .. " " .. c .. "\n")
	end
	local e = summary.errors
	io.write(string.format("errors connect %d read %d write %d status %d timeout %d\n",
		e.connect, e.read, e.write, e.status, e.timeout))
end
