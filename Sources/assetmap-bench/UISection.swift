import Foundation
import AssetMapCore
import AssetMapUI
import TerminalKit

/// The headless UI at 120×40: start to first frame, and per-keystroke times (update + a full frame drawn).
enum UISection {
    static let width = 120, height = 40

    /// What a user does, in groups whose keystrokes are timed one by one.
    static let script: [(group: String, keys: [Key])] = [
        (
            "move the selection (↓ ↑ PgDn)",
            Array(repeating: .down, count: 30) + Array(repeating: .up, count: 10) + [.pageDown, .pageDown]
        ),
        ("switch tabs (2 3 4 1)", [.char("2"), .char("3"), .char("4"), .char("1")]),
        ("follow a link (Enter Enter, Backspace)", [.enter, .enter, .backspace, .enter, .enter, .backspace]),
        ("type a search character (/ then refugee)", [.char("/")] + "refugee".map { .char($0) }),
        // Not a keystroke group of the issue; Esc leaves the search. Timed but not reported.
        ("", [.escape]),
        ("edit: a vote in Review (4 +), undo (u)", [.char("4"), .char("+"), .char("u"), .char("+"), .char("u")]),
        // The summary with an edit to undo, so it has a session to summarise.
        ("", [.char("+")]),
        ("Review: session summary (m, ↓ scrolls, Esc)", [.char("m"), .down, .escape]),
        ("", [.char("u")]),
        ("Review: filter picker (f ↓ Enter, F clears)", [.char("f"), .down, .enter, .char("F")]),
        (
            "Review: priority grid (g ↓ →, r shows and hides closed, Enter opens the card)",
            [.char("g"), .down, .right, .char("r"), .char("r"), .enter]
        ),
        // An edit that adds records (a node and an edge), not only attributes.
        ("", [.char("a")] + "Bench idea".map { .char($0) }),
        ("edit that adds a node: propose an improvement (Enter), undo (u)", [.enter, .char("u")]),
        ("", [.char("1")]),
        (
            "edit that adds an edge: link (L, search, Enter, Enter), undo (u)",
            [.char("L")] + "refugee".map { .char($0) } + [.enter, .enter, .char("u")]
        ),
        (
            "edit that removes records: delete a node and its links (d y), undo (u)",
            [.char("d"), .char("y"), .char("u")]
        ),
    ]

    static func run(_ files: BenchFiles, runs: Int, report: inout Report) throws {
        let size = files.size
        var start: [Double] = [], idle: [Double] = []
        var keystrokes: [String: [Double]] = [:]
        for _ in 0..<runs {
            // Opened straight into the variable the keys edit: a second reference would make the
            // first edit copy the whole document, which the real app (editing in place) never does.
            let startTime: Double
            var session: AssetMapApp
            (startTime, session) = try timed { () throws -> AssetMapApp in
                var app = try AssetMapApp.open(path: files.map, environment: environment)
                app.update(.resize(width: width, height: height))
                var buffer = Buffer(width: width, height: height)
                app.view(into: &buffer)
                keep(buffer)
                return app
            }
            start.append(startTime)
            // What the real app does after its first frame while no key waits (TerminalApp.idle).
            idle.append(seconds { while session.idle() {} })
            for (group, keys) in script {
                for key in keys {
                    let time = seconds {
                        session.update(.key(key))
                        var buffer = Buffer(width: width, height: height)
                        session.view(into: &buffer)
                        keep(buffer)
                    }
                    if !group.isEmpty { keystrokes[group, default: []].append(time) }
                }
            }
            guard !session.isFinished else { throw BenchError("the UI script quit the app") }
        }
        report.set(
            "UI: start to first frame (load, check, index, draw 120×40)", .seconds, size: size,
            Samples(seconds: start).median,
            target: .init(text: "< 1 s", limit: 1))
        report.set(
            "UI: work put off until after the first frame (search index, session start, Review's cards), median",
            .seconds, size: size, Samples(seconds: idle).median)
        for (group, _) in script where !group.isEmpty {
            let samples = Samples(seconds: keystrokes[group] ?? [])
            report.set("UI key: \(group), median", .milliseconds, size: size, samples.median)
            report.set(
                "UI key: \(group), worst", .milliseconds, size: size, samples.worst,
                target: .init(text: "< 16 ms", limit: 0.016))
        }
    }

    /// Real file access, a fixed date.
    static let environment = AppEnvironment(
        today: { "2025-03-01" },
        read: { try MapDocument.read($0) })

    /// The UI's share of the memory workload: open, draw, search.
    static func memoryWorkload(_ document: MapDocument, path: String) {
        var app = AssetMapApp(document: document, path: path, environment: environment)
        app.update(.resize(width: width, height: height))
        for key in [
            Key.down, .char("/"), .char("r"), .char("e"), .escape, .char("2"), .char("3"), .char("4"), .char("1"),
        ] {
            app.update(.key(key))
            var buffer = Buffer(width: width, height: height)
            app.view(into: &buffer)
            keep(buffer)
        }
    }

    /// `--ui-keys MAP`: every scripted keystroke with its time, to find the slow ones.
    static func printKeys(map: String) throws {
        let startTime: Double
        var app: AssetMapApp
        (startTime, app) = try timed { () throws -> AssetMapApp in
            var app = try AssetMapApp.open(path: map, environment: environment)
            app.update(.resize(width: width, height: height))
            var buffer = Buffer(width: width, height: height)
            app.view(into: &buffer)
            return app
        }
        print(String(format: "start to first frame: %.1f ms", startTime * 1000))
        print(
            String(
                format: "work put off until after it (no key waiting): %.1f ms", seconds { while app.idle() {} } * 1000)
        )
        for (group, keys) in script {
            for key in keys {
                var updateTime = 0.0
                let total = seconds {
                    updateTime = seconds { app.update(.key(key)) }
                    var buffer = Buffer(width: width, height: height)
                    app.view(into: &buffer)
                }
                print(
                    String(
                        format: "%-12@ update %7.2f ms, update + view %7.2f ms   (%@)", "\(key)" as NSString,
                        updateTime * 1000, total * 1000, group as NSString))
            }
        }
    }
}
