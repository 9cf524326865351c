-- wrk script of the call-intake benchmark: POST /api/v1/calls with a supervisor's token (env B112_BENCH_TOKEN) and a
-- caller number drawn from a million numbers of one mobile range, so calls spread over many caller grains (a single
-- number would measure one grain's queue, and would be flagged as flooding the line after ten calls).

local counter = 1

function setup(thread)
    thread:set("seed", counter)
    counter = counter + 1
end

function init(args)
    math.randomseed(os.time() * 1000 + seed)
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Authorization"] = "Bearer " .. os.getenv("B112_BENCH_TOKEN")
end

function request()
    local number = string.format("0812%08d", math.random(0, 999999) * 37 % 100000000)
    local body = '{"caller_number":"' .. number .. '","channel":"voice","notes":"benchmark call"}'
    return wrk.format(nil, "/api/v1/calls", nil, body)
end
