-- booking.lua: wrk script for bench/run's booking POST target.
-- POSTs {"timeslotId": N} to /api/v1/bookings with a bearer token, walking
-- users and slots so that no (user, slot) pair repeats until every pair was
-- used once: request g goes to user g mod U and slot (g div U + g) mod S,
-- which is one-to-one over U*S requests when S and U+1 share no factor
-- (bench/run makes S a power of two and U even).
-- BENCH_TOKENS and BENCH_SLOTS name files of one token / slot id per line;
-- BENCH_THREADS is wrk's -t, so that the threads take turns on g.

local threads = tonumber(os.getenv("BENCH_THREADS") or "1")
local tokens, slots = {}, {}
local sent = 0
local next_id = 0

function setup(thread)
	thread:set("tid", next_id)
	next_id = next_id + 1
end

local function lines(path)
	local t = {}
	for l in io.lines(path) do
		if l ~= "" then
			t[#t + 1] = l
		end
	end
	return t
end

function init(args)
	tokens = lines(assert(os.getenv("BENCH_TOKENS"), "BENCH_TOKENS is not set"))
	slots = lines(assert(os.getenv("BENCH_SLOTS"), "BENCH_SLOTS is not set"))
	assert(#tokens > 0 and #slots > 0, "no tokens or no slots")
end

function request()
	local g = sent * threads + tid
	sent = sent + 1
	local u = g % #tokens
	local s = (math.floor(g / #tokens) + g) % #slots
	return wrk.format("POST", "/api/v1/bookings", {
		["Authorization"] = "Bearer " .. tokens[u + 1],
		["Content-Type"] = "application/json",
	}, '{"timeslotId":' .. slots[s + 1] .. '}')
end
