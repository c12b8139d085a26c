import AssetMapCore
import Foundation
import Testing
import AssetMapTestSupport

/// Labels and values that would run script if the page ever parsed map text as HTML.
let hostilePage = #"""
    map "Hostile </script><script>window.__pwned='title'</script>"
    community refugees "<img src=x onerror=\"window.__pwned=1\">"
      plus: yes
      note: </script><script>window.__pwned=2</script>
      private-source: told in confidence
    community c2 "<svg onload=window.__pwned=3>"
      core20: yes
    organisation rmc "Refugee & Migrant Centre \"RMC\" <b>bold</b>"
    barrier b1 "Fear of <!-- comments --> and ]]> CDATA"
      status: open
      clinical: maternity
    improvement i1 "<a href=\"javascript:window.__pwned=4\">click</a>"
      status: proposed
    b1 -> refugees affects
    i1 -> b1 addresses
    refugees -> rmc "<script>window.__pwned=5</script>"
    c2 -> rmc trusts

    """#

/// The repository root, for script/browser-check.py.
let repositoryRoot = PackageRoot.folder

/// Runs script/browser-check.py (Debian's python3 with python3-selenium, chromium and chromium-driver, and
/// axe-core from PyPI, all installed by script/setup) on a page and returns its JSON report.
func browserCheck(_ page: String, in dir: TemporaryFolder, _ arguments: [String] = []) throws -> [String: Any] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments =
        [repositoryRoot.appendingPathComponent("script/browser-check.py").path, dir.path(page)] + arguments
    let out = dir.url.appendingPathComponent(".check-out"), err = dir.url.appendingPathComponent(".check-err")
    FileManager.default.createFile(atPath: out.path, contents: nil)
    FileManager.default.createFile(atPath: err.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let errors = String(decoding: try Data(contentsOf: err), as: UTF8.self)
    try #require(
        process.terminationStatus == 0,
        "the browser check failed (run script/setup to install Chromium, chromium-driver, python3-selenium and axe-selenium-python): \(errors)"
    )
    return try #require(
        try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any], "no JSON report: \(errors)")
}

@Suite(.serialized) struct HTMLPageInABrowser {
    @Test func hostileLabelsShowAsTextAndRunNothing() throws {
        let dir = try TemporaryFolder()
        try dir.write("h.map", hostilePage)
        let export = try dir.run("export", "html", "h.map", "-o", "h.html")
        #expect(export.status == 0, "\(export.stderr)")
        let graph = MapDocument(text: hostilePage).graph
        let labels = graph.nodes.map(\.label)
        try Data(JSONSerialization.data(withJSONObject: labels)).write(
            to: dir.url.appendingPathComponent("labels.json"))
        let report = try browserCheck(
            "h.html", in: dir,
            ["--labels", dir.path("labels.json"), "--search", "fear", "--kind", "community", "--click", "refugees"])
        #expect(report["title"] as? String == graph.header?.title)
        #expect(report["missing_labels"] as? [String] == [])
        #expect(report["rows_before"] as? Int == 5)
        #expect(report["shapes_before"] as? Int == 5)
        #expect(report["rows_after_search"] as? [String] == ["b1"])
        #expect(report["shapes_after_search"] as? Int == 1)
        #expect(report["rows_after_kind"] as? [String] == ["refugees", "c2"])
        #expect(report["details_after_click"] as? String == #"<img src=x onerror="window.__pwned=1">"#)
        #expect(report["details_after_enter"] as? String == #"<img src=x onerror="window.__pwned=1">"#)
        #expect(report["focus_in_details"] as? Bool == true)
        #expect(Set(report["rows_in_neighbourhood"] as? [String] ?? []) == ["refugees", "rmc", "b1"])
        let details = try #require(report["details_text"] as? String)
        #expect(details.contains("</script><script>window.__pwned=2</script>"))
        #expect(!details.contains("told in confidence"))
        #expect(report["pwned_on_load"] is NSNull)
        #expect(report["pwned_after_use"] is NSNull)
        #expect(report["requests"] as? [String] == [])
        #expect((report["serious_violations"] as? [Any])?.isEmpty == true, "\(report["serious_violations"] ?? "")")
    }

    @Test func exampleMapShowsEveryLabelAndPassesAxe() throws {
        let dir = try TemporaryFolder()
        let text = try exampleMap()
        try dir.write("example.map", text)
        #expect(try dir.run("export", "html", "example.map", "-o", "example.html").status == 0)
        let labels = MapDocument(text: text).graph.nodes.map(\.label)
        try Data(JSONSerialization.data(withJSONObject: labels)).write(
            to: dir.url.appendingPathComponent("labels.json"))
        let report = try browserCheck(
            "example.html", in: dir, ["--labels", dir.path("labels.json"), "--search", "refugee", "--kind", "barrier"])
        #expect(report["missing_labels"] as? [String] == [])
        #expect(report["rows_before"] as? Int == labels.count)
        let searched = try #require(report["rows_after_search"] as? [String])
        #expect(!searched.isEmpty && searched.count < labels.count)
        #expect(searched.contains("refugees"))
        #expect((report["rows_after_kind"] as? [String])?.count == 16)
        #expect(report["requests"] as? [String] == [])
        #expect((report["serious_violations"] as? [Any])?.isEmpty == true, "\(report["serious_violations"] ?? "")")
    }

    /// The review's HTML minutes meet the same bar: status report and minutes since a date, hostile labels too.
    @Test func reportMinutesPassAxeAndRunNothing() throws {
        let dir = try TemporaryFolder()
        try dir.write("example.map", try exampleMap())
        try dir.write("h.map", hostilePage)
        for (map, extra) in [("example.map", []), ("example.map", ["--since", "2026-09-01"]), ("h.map", [])] {
            let report = try CLI.run(["report", map, "--format", "html", "-o", "minutes.html"] + extra, in: dir.url)
            #expect(report.status == 0, "\(report.stderr)")
            let checked = try browserCheck("minutes.html", in: dir, ["--axe-only"])
            #expect(checked["pwned_on_load"] is NSNull, "\(map) \(extra)")
            #expect(checked["requests"] as? [String] == [], "\(map) \(extra)")
            #expect(
                (checked["serious_violations"] as? [Any])?.isEmpty == true,
                "\(map) \(extra): \(checked["serious_violations"] ?? "")")
        }
    }

    /// The checker itself must notice script that runs and requests that leave, or its green means nothing.
    @Test func checkerCatchesAPageThatRunsScript() throws {
        let dir = try TemporaryFolder()
        try dir.write(
            "bad.html",
            #"<!DOCTYPE html><html lang="en"><head><title>bad</title></head><body><main><h1>bad</h1><img src="x.png" onerror="window.__pwned=1" alt=""></main></body></html>"#
        )
        let report = try browserCheck("bad.html", in: dir, ["--axe-only"])
        #expect(report["pwned_on_load"] as? String == "1")
        #expect((report["requests"] as? [String])?.contains { $0.hasSuffix("x.png") } == true)
    }
}
