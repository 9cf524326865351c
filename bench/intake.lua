-- wrk script of the call-intake benchmarks: POST /api/v1/calls with a supervisor's token (env B112_BENCH_TOKEN). Which
-- caller (env B112_BENCH_CALLER):
--   spread    (default) a number drawn from a million numbers of one mobile range, so calls spread over many caller
--             grains (flagged as flooding the line only after ten calls of one number within ten minutes)
--   one       every call from the same number: one caller grain's queue, a redialling caller (flagged as flooding the
--             line after its tenth call, and still recorded)
--   withheld  every call without a number (caller_id "withheld")

local counter = 1

function setup(thread)
    thread:set("seed", counter)
    counter = counter + 1
end

function init(args)
    math.randomseed(os.time() * 1000 + seed)
    caller = os.getenv("B112_BENCH_CALLER") or "spread"
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Authorization"] = "Bearer " .. os.getenv("B112_BENCH_TOKEN")
end

function request()
    local who
    if caller == "withheld" then
        who = '"caller_number":null,"caller_id":"withheld"'
    elseif caller == "one" then
        who = '"caller_number":"081299990000"'
    else
        who = string.format('"caller_number":"0812%08d"', math.random(0, 999999) * 37 % 100000000)
    end
    local body = '{' .. who .. ',"channel":"voice","notes":"benchmark call"}'
    return wrk.format(nil, "/api/v1/calls", nil, body)
end
