#!/usr/bin/env python3
"""A local Open Referral (HSDS 3) API for tests and the benchmark, on 127.0.0.1 only.

Serves /services, /service_at_locations and /organizations as paged lists (contents, total_items,
total_pages, page_number), built from a published HSDS 1.1 tabular package (--package) or generated
(--generate N). Faults on chosen pages: --fault ENDPOINT:PAGE:KIND with KIND one of
503once / 429once (first request answered so, with Retry-After: 1), 500 (always), slow=SECONDS,
malformed (broken JSON). Prints its port on the first line of standard output, logs each request
to --log, and stops by itself after --lifetime seconds.
"""
import argparse, csv, json, os, signal, threading, time
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
from urllib.parse import urlparse, parse_qs


def rows(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def from_package(folder):
    # Only what the importer reads: no emails or phone numbers are served.
    orgs = {o["id"]: {"id": o["id"], "name": o["name"], "description": o.get("description", ""),
                      "website": o.get("website") or o.get("url", "")} for o in rows(folder, "organizations.csv")}
    addresses = {}
    for a in rows(folder, "physical_addresses.csv"):
        addresses.setdefault(a["location_id"], []).append(
            {"id": a["id"], "address_1": a["address_1"], "address_2": a.get("address_2", ""), "city": a["city"],
             "state_province": a.get("state_province", ""), "postal_code": a["postal_code"],
             "country": a.get("country", ""), "address_type": "physical"})
    locations = {}
    for l in rows(folder, "locations.csv"):
        location = {"id": l["id"], "name": l["name"], "location_type": "physical",
                    "addresses": addresses.get(l["id"], [])}
        for key in ("latitude", "longitude"):
            if l.get(key):
                location[key] = float(l[key])
        locations[l["id"]] = location
    services = []
    sals = rows(folder, "services_at_location.csv") or rows(folder, "service_at_location.csv")
    for i, s in enumerate(rows(folder, "services.csv")):
        services.append({"id": s["id"], "name": s["name"], "description": s.get("description", ""),
                         "status": s.get("status") or "active", "organization_id": s["organization_id"],
                         "last_modified": "2026-%02d-01T09:00:00Z" % (1 + i % 12),
                         "sal": [(x["id"], x["location_id"]) for x in sals if x["service_id"] == s["id"]]})
    return orgs, locations, services


def generated(n):
    orgs = {"org-%d" % i: {"id": "org-%d" % i, "name": "Organisation %d" % i, "description": "Generated",
                           "website": "https://org%d.example.org" % i} for i in range(max(1, n // 5))}
    locations = {"loc-%d" % i: {"id": "loc-%d" % i, "name": "Venue %d" % i, "location_type": "physical",
                                "latitude": 52.5 + i / 10000, "longitude": -1.9 - i / 10000,
                                "addresses": [{"id": "adr-%d" % i, "address_1": "%d High Street" % i, "city": "Walsall",
                                               "postal_code": "WS1 1AA", "address_type": "physical"}]}
                 for i in range(max(1, n // 3))}
    services = [{"id": "svc-%d" % i, "name": "Service %d" % i, "description": "Generated service", "status": "active",
                 "organization_id": "org-%d" % (i % len(orgs)), "last_modified": "2026-01-01T00:00:00Z",
                 "sal": [("sal-%d" % i, "loc-%d" % (i % len(locations)))]} for i in range(n)]
    return orgs, locations, services


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--package")
    parser.add_argument("--generate", type=int, default=0)
    parser.add_argument("--page-size", type=int, default=4)
    parser.add_argument("--split", action="store_true", help="services pages without locations")
    parser.add_argument("--organization-ids", action="store_true", help="services name organisations by id only")
    parser.add_argument("--fault", action="append", default=[])
    parser.add_argument("--log")
    parser.add_argument("--lifetime", type=float, default=120)
    args = parser.parse_args()
    orgs, locations, services = from_package(args.package) if args.package else generated(args.generate)
    faults = {}
    for spec in args.fault:
        endpoint, page, kind = spec.split(":", 2)
        faults[("/" + endpoint.strip("/"), int(page))] = kind
    hits = {}
    lock = threading.Lock()
    log = open(args.log, "a") if args.log else None

    def service_json(s, full_org):
        out = {k: v for k, v in s.items() if k != "sal"}
        if full_org:
            del out["organization_id"]
            out["organization"] = orgs[s["organization_id"]]
        if not args.split:
            out["service_at_locations"] = [{"id": sid, "location": locations[lid]} for sid, lid in s["sal"]]
        return out

    def listing(endpoint, query):
        if endpoint == "/services":
            chosen = services
            after = query.get("modified_after", [None])[0]
            if after:
                chosen = [s for s in services if s["last_modified"][:10] > after]
            return [service_json(s, not args.organization_ids) for s in chosen]
        if endpoint == "/service_at_locations":
            return [{"id": sid, "service_id": s["id"], "location_id": lid, "location": locations[lid]}
                    for s in services for sid, lid in s["sal"]]
        if endpoint == "/organizations":
            return list(orgs.values())
        return None

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def send(self, code, body, headers=()):
            data = body.encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for k, v in headers:
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            url = urlparse(self.path)
            query = parse_qs(url.query)
            endpoint = url.path.rstrip("/") or "/"
            page = int(query.get("page", ["1"])[0])
            with lock:
                hits[(endpoint, page)] = hits.get((endpoint, page), 0) + 1
                count = hits[(endpoint, page)]
                if log:
                    log.write("%.3f GET %s\n" % (time.time(), self.path))
                    log.flush()
            kind = faults.get((endpoint, page), "")
            if kind == "500":
                return self.send(500, '{"error": "broken"}')
            if kind in ("503once", "429once") and count == 1:
                return self.send(int(kind[:3]), '{"error": "later"}', [("Retry-After", "1")])
            if kind.startswith("slow="):
                time.sleep(float(kind[5:]))
            if kind == "malformed":
                return self.send(200, '{"total_items": 3, "contents": [{"id": ')
            if endpoint == "/":
                return self.send(200, json.dumps({"version": "3.0", "profile": "https://openreferral.org",
                                                  "openapi_url": "https://example.org/openapi.json"}))
            items = listing(endpoint, query)
            if items is None:
                return self.send(404, '{"error": "no such endpoint"}')
            size = args.page_size
            total_pages = max(1, -(-len(items) // size))
            contents = items[(page - 1) * size: page * size]
            self.send(200, json.dumps({
                "total_items": len(items), "total_pages": total_pages, "page_number": page, "size": len(contents),
                "first_page": page == 1, "last_page": page >= total_pages, "empty": not contents,
                "contents": contents}))

    # Ended by its test: a SIGTERM ends it at once, whatever the parent process left ignored.
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    threading.Timer(args.lifetime, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
