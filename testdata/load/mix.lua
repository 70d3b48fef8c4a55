-- A mixed read/write load for factdesk, for wrk (see testdata/load/run.sh).
-- Reads: the claim list with filters, claim pages, the search page (/search,
-- every kind), the library's search (/sources?q=), article pages.
-- Writes: create claims, edit claims this thread created (version 1, so an
-- edit never conflicts with another connection's), attach evidence.
--
-- FD_MIX chooses the weights (percent of requests):
--   mixed (default)  list 40, claim 20, /search 10, /sources?q= 5, create 12, edit 8, evidence 5
--   read             list 40, claim 25, article 10, /search 10, /sources?q= 5, create 5, edit 3, evidence 2
-- Every response is counted by status; done() prints the counts and fails
-- the run when any request got a status >= 400.

local cookie = os.getenv("FD_COOKIE")
local csrf = os.getenv("FD_CSRF")
local articles = tonumber(os.getenv("FD_ARTICLES") or "2000")
local claims = tonumber(os.getenv("FD_CLAIMS") or "100000")
local source = os.getenv("FD_SOURCE") or "1"
local think = tonumber(os.getenv("FD_THINK_MS") or "0")
local mixname = os.getenv("FD_MIX") or "mixed"
local weights = ({
  mixed = { list = 40, claim = 20, article = 0, search = 10, sources = 5, create = 12, edit = 8, evidence = 5 },
  read = { list = 40, claim = 25, article = 10, search = 10, sources = 5, create = 5, edit = 3, evidence = 2 },
})[mixname]
assert(weights, "FD_MIX must be mixed or read")
-- Cumulative bounds, in the order request() tests them.
local order = { "list", "claim", "article", "search", "sources", "create", "edit", "evidence" }
local bounds, acc = {}, 0
for _, k in ipairs(order) do
  acc = acc + weights[k]
  bounds[k] = acc
end
assert(acc == 100, "weights must sum to 100")
local threads = {}

-- With FD_THINK_MS set, each connection is a person who waits between
-- actions (uniformly 0 to twice the mean); without it, connections fire
-- back to back (a stress test of throughput, not a model of users).
if think > 0 then
  function delay()
    return math.random(0, 2 * think)
  end
end

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
  kinds = {}
  seen = {}
  editq = {}
  evq = {}
  n = 0
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

local lists = {
  "/claims", "/claims?status=researching", "/claims?type=date&sort=updated",
  "/claims?status=in_review&type=money", "/claims?lang=ar&sort=priority", "/claims?tag=markets",
  "/board",
}
local words = { "reuters", "nvidia", "market", "report", "إنفيديا", "بيان", "dat", "ap" }
for i, w in ipairs(words) do
  words[i] = w:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)
end

local function get(path)
  return wrk.format("GET", path, { ["Cookie"] = cookie })
end

local function post(path, body)
  return wrk.format("POST", path, {
    ["Cookie"] = cookie,
    ["X-CSRF-Token"] = csrf,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end

local function pop(q)
  if #q == 0 then return nil end
  return table.remove(q, 1)
end

function request()
  n = n + 1
  local r = math.random(100)
  if r <= bounds.list then
    kinds.list = (kinds.list or 0) + 1
    return get(lists[math.random(#lists)])
  elseif r <= bounds.claim then
    kinds.claim = (kinds.claim or 0) + 1
    return get("/claims/" .. math.random(claims))
  elseif r <= bounds.article then
    kinds.article = (kinds.article or 0) + 1
    return get("/articles/" .. math.random(articles))
  elseif r <= bounds.search then
    kinds.search = (kinds.search or 0) + 1
    return get("/search?q=" .. words[math.random(#words)])
  elseif r <= bounds.sources then
    kinds.sources = (kinds.sources or 0) + 1
    return get("/sources?q=" .. words[math.random(#words)])
  elseif r <= bounds.create then
    kinds.create = (kinds.create or 0) + 1
    local a = math.random(articles)
    return post("/articles/" .. a .. "/claims",
      "type=other&statement=load+test+claim+" .. n .. "&quote=%28%23&claimant=load&priority=normal")
  elseif r <= bounds.edit then
    local id = pop(editq)
    if id then
      kinds.edit = (kinds.edit or 0) + 1
      return post("/claims/" .. id,
        "type=other&statement=load+test+claim+edited+" .. n .. "&claimant=load&priority=high&version=1")
    end
  else
    local id = pop(evq)
    if id then
      kinds.evidence = (kinds.evidence or 0) + 1
      return post("/claims/" .. id .. "/evidence",
        "source_id=" .. source .. "&stance=context&passage=load&location=p.+1")
    end
  end
  kinds.claim = (kinds.claim or 0) + 1
  return get("/claims/" .. math.random(claims))
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
  local loc = headers["Location"] or headers["location"]
  if status == 303 and loc then
    local id = loc:match("^/claims/(%d+)")
    if id and not seen[id] then
      seen[id] = true
      table.insert(editq, id)
      table.insert(evq, id)
    end
  end
end

function done(summary, latency, requests)
  local total, bad = {}, 0
  local mix = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("counts")) do
      total[k] = (total[k] or 0) + v
    end
    for k, v in pairs(t:get("kinds")) do
      mix[k] = (mix[k] or 0) + v
    end
  end
  io.write("statuses:")
  for k, v in pairs(total) do
    io.write(string.format(" %d=%d", k, v))
    if k >= 400 then bad = bad + v end
  end
  io.write("\nmix:")
  for k, v in pairs(mix) do io.write(string.format(" %s=%d", k, v)) end
  io.write(string.format("\nlatency p50=%.1fms p90=%.1fms p99=%.1fms max=%.1fms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("requests=%d errors(socket)=%d connect=%d read=%d write=%d timeout=%d status>=400=%d\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout, bad))
end
