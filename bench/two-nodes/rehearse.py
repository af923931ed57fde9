#!/usr/bin/env python3
"""The two-node rehearsal's driver, from outside the nodes: posts N signup events as batches spread over the nodes,
optionally SIGKILLs one node once a share of the messages reached the provider, and reports sends/s as the provider
saw them, the time to finish after the kill, and messages per recipient (none may get two)."""
import argparse, base64, collections, json, os, pathlib, signal, time, urllib.parse, urllib.request, uuid

here = pathlib.Path(__file__).resolve().parent
ap = argparse.ArgumentParser()
ap.add_argument("--ports", default="18081", help="the nodes' HTTP ports, comma-separated")
ap.add_argument("--events", type=int, default=3000)
ap.add_argument("--kill", help="name of the node to SIGKILL (node.sh NAME ...)")
ap.add_argument("--kill-at", type=float, default=0.3, help="share of the messages sent when the node is killed")
ap.add_argument("--freeze", action="store_true",
                help="SIGSTOP the node instead: it dies without its connections closing, as a machine that loses power "
                     "or its network does (./stop.sh ends it)")
ap.add_argument("--thaw-after", type=float,
                help="with --freeze: SIGCONT the node this many seconds later, as a VM that resumes does")
ap.add_argument("--deploy", action="store_true", help="deploy the benchmark journey first (once per database)")
ap.add_argument("--launch", action="store_true",
                help="upload the events as one launch (POST /api/launches, NDJSON) to the first node, not as batches")
ap.add_argument("--work", default=os.environ.get("WORK", str(here.parent / "target" / "two-nodes")))
ap.add_argument("--provider", default="http://localhost:" + os.environ.get("WM_PORT", "58080"))
a = ap.parse_args()
ports = [int(p) for p in a.ports.split(",")]
work = pathlib.Path(a.work)


def http(method, url, body=None, headers=None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    with urllib.request.urlopen(request, timeout=300) as answer:
        return answer.status, answer.read()


def provider_calls():
    query = {"method": "POST", "urlPathPattern": "/2010-04-01/Accounts/[A-Za-z0-9]+/Messages.json"}
    return json.loads(http("POST", a.provider + "/__admin/requests/count", json.dumps(query).encode(),
                           {"Content-Type": "application/json"})[1])["count"]


if a.deploy:
    bpmn = (here.parent / "src/main/resources/bench/touchpoint-journey.bpmn").read_bytes()
    boundary = "rehearsal-" + uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nbench\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"data\"; filename=\"bench.bpmn\"\r\n"
            "Content-Type: application/xml\r\n\r\n").encode() + bpmn + f"\r\n--{boundary}--\r\n".encode()
    status, _ = http("POST", f"http://localhost:{ports[0]}/engine-rest/deployment/create", body,
                     {"Content-Type": f"multipart/form-data; boundary={boundary}",
                      "Authorization": "Basic " + base64.b64encode(b"admin:admin-pass").decode()})
    print("deployed the benchmark journey:", status)

# every run gets numbers of its own, so a recipient's count covers this run only
runs = work / "runs"
run = int(runs.read_text()) + 1 if runs.exists() else 1
runs.write_text(str(run))
prefix = "+1%04d" % run
tag = uuid.uuid4().hex[:8]
events = [{"name": "bench.signup", "id": f"{tag}-{i}",
           "contact": {"id": f"{tag}-{i}", "phone": f"{prefix}{i:06d}", "firstName": "Kim"}} for i in range(a.events)]

before = provider_calls()
start = time.time()
share = (len(events) + len(ports) - 1) // len(ports)
if a.launch:
    status, answer = http("POST", f"http://localhost:{ports[0]}/api/launches",
                          "".join(json.dumps(event) + "\n" for event in events).encode(),
                          {"Content-Type": "application/x-ndjson", "Authorization": "Bearer bench-key"})
    launch = json.loads(answer)["launch"]
    print(f"launch of {len(events)} events to :{ports[0]} answered {status} in {time.time() - start:.2f} s: {launch}")
for n, port in enumerate([] if a.launch else ports):
    part = events[n * share:(n + 1) * share]
    for k in range(0, len(part), 10000):
        sent = time.time()
        status, _ = http("POST", f"http://localhost:{port}/api/events/batch",
                         json.dumps({"events": part[k:k + 10000]}).encode(),
                         {"Content-Type": "application/json", "Authorization": "Bearer bench-key"})
        print(f"batch of {len(part[k:k + 10000])} events to :{port} answered {status} in {time.time() - sent:.2f} s")

killed_at, thawed, samples = None, False, []
while True:
    time.sleep(1)
    calls = provider_calls() - before
    samples.append((time.time() - start, calls))
    if a.kill and killed_at is None and calls >= a.kill_at * a.events:
        os.kill(int((work / f"node-{a.kill}.pid").read_text()), signal.SIGSTOP if a.freeze else signal.SIGKILL)
        killed_at = time.time()
        print(f"{'SIGSTOP' if a.freeze else 'SIGKILL'} node {a.kill} at {killed_at - start:.1f} s "
              f"({time.strftime('%H:%M:%S', time.gmtime(killed_at))} UTC), {calls} messages sent")
    if a.thaw_after and killed_at and not thawed and time.time() - killed_at >= a.thaw_after:
        os.kill(int((work / f"node-{a.kill}.pid").read_text()), signal.SIGCONT)
        thawed = True
        print(f"SIGCONT node {a.kill} {time.time() - killed_at:.1f} s after it froze, {calls} messages sent")
    if (calls >= a.events and (thawed or not a.thaw_after)) or (len(samples) > 30 and samples[-31][1] == calls):
        break

if thawed:
    time.sleep(15)  # what the thawed node still had in hand goes out, or not
    calls = provider_calls() - before
elapsed = samples[-1][0]
print(f"{calls} of {a.events} messages in {elapsed:.1f} s: {calls / elapsed:.1f} sends/s overall")
low = next(t for t, c in samples if c >= 0.1 * a.events)
high = next((t for t, c in samples if c >= 0.9 * a.events), elapsed)
print(f"steady rate (10 % to 90 % of the messages): {0.8 * a.events / (high - low):.1f} sends/s")
if killed_at:
    print(f"last message {samples[-1][0] - (killed_at - start):.1f} s after the kill")
if a.launch:
    for port in ports:  # any live node tells
        try:
            print("launch progress:", http("GET", f"http://localhost:{port}{launch['progress']}", None,
                                           {"Authorization": "Bearer bench-key"})[1].decode())
            break
        except OSError:
            continue

journal = json.loads(http("GET", a.provider + "/__admin/requests?limit=100000")[1])["requests"]
per_recipient = collections.Counter()
for served in journal:
    request = served["request"]
    if request["method"] == "POST" and request["url"].endswith("Messages.json"):
        to = urllib.parse.parse_qs(request["body"]).get("To", [""])[0]
        if to.startswith(prefix):
            per_recipient[to] += 1
twice = sum(1 for count in per_recipient.values() if count > 1)
print(f"recipients messaged: {len(per_recipient)} of {a.events}; messaged more than once: {twice}")
