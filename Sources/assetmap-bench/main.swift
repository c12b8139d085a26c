import Foundation
import AssetMapCore
import AssetMapTestSupport

/// `assetmap-bench [--sizes 1000,10000,100000] [--runs 5] [--keep DIR]`: generates maps, times the
/// program on them (release build), and prints a markdown table with a pass/fail line per target.
let usage = """
    usage: assetmap-bench [--sizes N,N,...] [--runs N] [--keep DIR]
      --sizes  node counts to generate (default 1000,10000,100000); edges are about 3 per node
      --runs   runs per measurement; the table shows medians (default 5)
      --keep   write the generated maps into DIR and keep them (default: a temp dir, removed after)
      --git    only diff, merge-file and history as whole assetmap processes (give --runs and --keep first; needs
               swift build -c release --product assetmap)
      --share  only export html (10,000 nodes) and export slides (the example map) as whole assetmap processes
               (give --runs and --keep first; same build as --git)
      --room   only the live review room: the real assetmap in tmux, --participants phones (default 200) on
               127.0.0.1 voting at once; every acknowledged vote counted, p99 acknowledgement < 100 ms
               (give --runs, --participants and --keep first; same build as --git)
    """

struct Options {
    var sizes = [1_000, 10_000, 100_000]
    var runs = 5
    var keepDirectory: String?
    var participants = 200
    /// Internal: run the memory workload on a map and print the peak RSS.
    var memoryChild: (map: String, focus: String, saveTarget: String)?
    /// Internal: time one size's files (map, dot, save target, focus id) and print the report as JSON.
    var measureChild: BenchFiles?
}

func parseOptions(_ arguments: [String]) -> Options {
    var options = Options()
    var rest = arguments[...]
    func value(_ flag: String) -> String {
        guard let v = rest.popFirst() else { fail("\(flag) needs a value\n\(usage)") }
        return v
    }
    while let argument = rest.popFirst() {
        switch argument {
        case "--sizes":
            let sizes = value(argument).split(separator: ",").map { Int($0.replacingOccurrences(of: "_", with: "")) }
            guard !sizes.isEmpty, sizes.allSatisfy({ ($0 ?? 0) >= 10 }) else {
                fail("--sizes: comma-separated node counts of at least 10")
            }
            options.sizes = sizes.map { $0! }.sorted()
        case "--runs":
            guard let runs = Int(value(argument)), runs >= 1 else { fail("--runs: a number of at least 1") }
            options.runs = runs
        case "--keep":
            options.keepDirectory = value(argument)
        case "--measure-child":
            let size = Int(value(argument)) ?? 0
            options.measureChild = BenchFiles(
                size: size, map: value(argument), dot: value(argument), saveTarget: value(argument),
                edgeCount: 0, middleBarrierID: value(argument))
        case "--memory-child":
            options.memoryChild = (value(argument), value(argument), value(argument))
        case "--git":
            // Diff, merge and history as whole assetmap processes (the assetmap product must be built beside the bench).
            do { try GitSection.run(runs: options.runs, keep: options.keepDirectory) } catch { fail("\(error)") }
            exit(0)
        case "--share":
            // HTML page of 10,000 nodes and the example map's slide deck as whole assetmap processes.
            do { try ShareSection.run(runs: options.runs, keep: options.keepDirectory) } catch { fail("\(error)") }
            exit(0)
        case "--participants":
            guard let n = Int(value(argument)), (1...200).contains(n) else {
                fail("--participants: 1 to 200 (the room's limit)")
            }
            options.participants = n
        case "--room":
            do {
                try RoomSection.run(participants: options.participants, runs: options.runs, keep: options.keepDirectory)
            } catch { fail("\(error)") }
            exit(0)
        case "--phases":
            do { try Phases.run(map: value(argument), id: value(argument)) } catch { fail("\(error)") }
            exit(0)
        case "--profile-load":
            // For perf/callgrind: only load (and check, when asked) a map a few times.
            let map = value(argument), what = value(argument)
            do {
                for _ in 0..<3 {
                    let document = try MapDocument(contentsOf: map)
                    if what == "check" { keep(document.check()) }
                    if what == "dot" { keep(try DotExport.dot(document.graph)) }
                }
            } catch { fail("\(error)") }
            exit(0)
        case "--dump":
            // For differential testing of parser/check changes: everything parsed and checked, as text.
            do { print(try Phases.dump(map: value(argument)), terminator: "") } catch { fail("\(error)") }
            exit(0)
        case "--fuzz-edits":
            do {
                let mismatches = try Phases.fuzzEdits(map: value(argument), count: Int(value(argument)) ?? 100)
                print("mismatches: \(mismatches)")
                exit(mismatches == 0 ? 0 : 1)
            } catch { fail("\(error)") }
        case "--dump-dot":
            // For differential testing of DOT export changes.
            do {
                let document = try MapDocument(contentsOf: value(argument))
                var options = DotOptions()
                print(try DotExport.dot(document.graph), terminator: "")
                options.cluster = true
                options.legend = true
                options.includePrivate = true
                options.rankdir = .TB
                print(try DotExport.dot(document.graph, options: options), terminator: "")
                if let middle = document.graph.nodes.dropFirst(document.graph.nodes.count / 2).first {
                    options.focus = middle.id
                    options.depth = 2
                    print(try DotExport.dot(document.graph, options: options), terminator: "")
                    options.kinds = [BuiltinKind.barrier.name, BuiltinKind.community.name]
                    print(try DotExport.dot(document.graph, options: options), terminator: "")
                }
            } catch { fail("\(error)") }
            exit(0)
        case "--memory-load-steps":
            // Peak memory through the steps of loading, to see which one sets it.
            do {
                func show(_ name: String) { print("\(name): peak \((peakResidentBytes() ?? 0) / 1_048_576) MB") }
                show("start")
                let data = try Data(contentsOf: URL(fileURLWithPath: value(argument)))
                show("read")
                let text = String(validating: data, as: UTF8.self)!
                show("validated")
                let document = MapDocument(text: text)
                show("parsed")
                keep((data, text, document))
            } catch { fail("\(error)") }
            exit(0)
        case "--ui-keys":
            do { try UISection.printKeys(map: value(argument)) } catch { fail("\(error)") }
            exit(0)
        case "--generate":
            // For profiling by hand: the map of SIZE nodes in every layout (map-SIZE-LAYOUT.map) and its DOT, into DIR.
            let directory = value(argument), size = Int(value(argument)) ?? 0
            do {
                for layout in MapLayout.allCases {
                    let map = MapGenerator.generate(nodes: size, layout: layout)
                    try map.mapText.write(
                        toFile: "\(directory)/map-\(size)-\(layout).map", atomically: false, encoding: .utf8)
                    if layout == .sites {
                        try map.dotText.write(
                            toFile: "\(directory)/map-\(size).dot", atomically: false, encoding: .utf8)
                    }
                }
            } catch { fail("\(error)") }
            exit(0)
        case "--load-check":
            // What `assetmap check` does, in a fresh process (the same footing as Graphviz nop).
            do {
                let document = try MapDocument(contentsOf: value(argument))
                let problems = document.check()
                print("\(problems.count) problems")
                exit(0)
            } catch { fail("\(error)") }
        case "-h", "--help":
            print(usage)
            exit(0)
        default:
            fail("unknown argument '\(argument)'\n\(usage)")
        }
    }
    return options
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("assetmap-bench: \(message)\n".utf8))
    exit(2)
}

func progress(_ message: String) {
    FileHandle.standardError.write(Data("… \(message)\n".utf8))
}

let options = parseOptions(Array(CommandLine.arguments.dropFirst()))

if let child = options.memoryChild {
    do {
        try CoreSection.memoryWorkload(map: child.map, focus: child.focus, saveTarget: child.saveTarget)
        print("peak-rss-bytes \(peakResidentBytes() ?? -1)")
        exit(0)
    } catch {
        fail("memory workload: \(error)")
    }
}

if let files = options.measureChild {
    // A fresh process per size: the timings do not inherit the generator's garbage in the heap.
    var report = Report(sizes: [files.size])
    do {
        try CoreSection.run(files, runs: options.runs, report: &report)
        progress("\(Report.grouped(files.size)) nodes: headless UI")
        try UISection.run(files, runs: options.runs, report: &report)
        print(String(decoding: try JSONEncoder().encode(report), as: UTF8.self))
        exit(0)
    } catch {
        fail("\(error)")
    }
}

#if DEBUG
    progress("this is a debug build: timings mean little; use swift run -c release assetmap-bench")
#endif

let directory = options.keepDirectory ?? NSTemporaryDirectory() + "assetmap-bench-\(getpid())"
try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
defer { if options.keepDirectory == nil { try? FileManager.default.removeItem(atPath: directory) } }

var report = Report(sizes: options.sizes)
var edges: [Int: Int] = [:]
let started = now()
do {
    for size in options.sizes {
        progress("generating \(Report.grouped(size)) nodes")
        let map = MapGenerator.generate(nodes: size)
        let files = BenchFiles(
            size: size, map: "\(directory)/map-\(size).map", dot: "\(directory)/map-\(size).dot",
            saveTarget: "\(directory)/saved-\(size).map", edgeCount: map.edgeCount,
            middleBarrierID: map.middleBarrierID)
        try map.mapText.write(toFile: files.map, atomically: false, encoding: .utf8)
        try map.dotText.write(toFile: files.dot, atomically: false, encoding: .utf8)
        edges[size] = map.edgeCount
        let megabytes = Double(map.mapText.utf8.count) / 1_048_576
        report.set("map file size", .megabytes, size: size, Double(map.mapText.utf8.count))
        progress(
            String(format: "%@ nodes: %.1f MB map; load, check, save, export, nop", Report.grouped(size), megabytes))

        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let measured = try runProgram(
            executable,
            [
                "--runs", "\(options.runs)", "--measure-child", "\(size)", files.map, files.dot,
                files.saveTarget, files.middleBarrierID,
            ], stderr: FileHandle.standardError)
        guard measured.status == 0, let sizeReport = try? JSONDecoder().decode(Report.self, from: measured.output)
        else {
            throw BenchError("measuring \(Report.grouped(size)) nodes failed (exit \(measured.status))")
        }
        report.merge(sizeReport)

        progress("\(Report.grouped(size)) nodes: whole processes on every layout (check, nop, UI in tmux)")
        var layoutMaps: [(MapLayout, String)] = [(.sites, files.map)]
        for layout in MapLayout.allCases where layout != .sites {
            let path = "\(directory)/map-\(size)-\(layout).map"
            try MapGenerator.generate(nodes: size, layout: layout).mapText.write(
                toFile: path, atomically: false, encoding: .utf8)
            layoutMaps.append((layout, path))
        }
        try ProcessSection.measure(
            size: size, layoutMaps: layoutMaps, dot: files.dot, runs: options.runs, report: &report)

        progress("\(Report.grouped(size)) nodes: import of the map's sheets (whole processes)")
        try ImportSection.measure(
            size: size, map: files.map, directory: directory, runs: options.runs, report: &report, targeted: false)
        if size == options.sizes.max()! {
            progress("import of a \(Report.grouped(ImportSection.targetRows))-node map's sheets (the import target)")
            let path = "\(directory)/map-import-target.map"
            try MapGenerator.generate(nodes: ImportSection.targetRows).mapText.write(
                toFile: path, atomically: false, encoding: .utf8)
            try ImportSection.measure(
                size: size, map: path, directory: directory, runs: options.runs, report: &report, targeted: true)
            progress("import oruk of a live \(Report.grouped(FeedSection.services))-service feed (the feed target)")
            try FeedSection.measure(directory: directory, runs: options.runs, report: &report)
        }

        progress("\(Report.grouped(size)) nodes: peak memory (child process)")
        let child = try runProgram(executable, ["--memory-child", files.map, files.middleBarrierID, files.saveTarget])
        let output = String(decoding: child.output, as: UTF8.self)
        if child.status == 0,
            let bytes = output.split(separator: " ").last.flatMap({
                Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
            }), bytes > 0
        {
            report.set(
                "peak memory (load, check, edit, save, export, UI)", .megabytes, size: size, Double(bytes),
                target: .init(text: "< 400 MB", limit: 400 * 1_048_576))
        } else {
            report.note(
                "peak memory (load, check, edit, save, export, UI)", .megabytes, size: size,
                "child failed (exit \(child.status))")
        }
    }
} catch {
    fail("\(error)")
}

print(
    """
    ## AssetMap benchmark

    \(ProcessInfo.processInfo.activeProcessorCount) cores, \(options.runs) runs per measurement (medians unless marked worst), \
    release build; total bench time \(String(format: "%.0f", now() - started)) s.

    \(report.markdown(edges: edges))
    """)
for item in report.pending { print("- not measured yet: \(item)") }
let verdict = report.verdicts()
let largest = Report.grouped(options.sizes.max()!)
if verdict.failed.isEmpty && verdict.unmeasured.isEmpty && report.pending.isEmpty {
    print("\nPASS: every target met at \(largest) nodes (\(verdict.passed.count) targets).")
} else {
    print(
        "\n\(verdict.failed.isEmpty ? "PASS so far" : "FAIL") at \(largest) nodes: \(verdict.passed.count) passed"
            + (verdict.failed.isEmpty ? "" : "; failed: " + verdict.failed.joined(separator: "; "))
            + (verdict.unmeasured.isEmpty && report.pending.isEmpty
                ? "" : "; not measured: " + (verdict.unmeasured + report.pending).joined(separator: "; ")))
}
