import Foundation
import AssetMapCore

/// The files of one map size in the bench's temp dir.
struct BenchFiles {
    var size: Int
    var map: String
    var dot: String
    var saveTarget: String
    var edgeCount: Int
    var middleBarrierID: String
}

/// Load and check, edit and save, DOT export, and Graphviz `nop` on the same graph.
enum CoreSection {
    static func run(_ files: BenchFiles, runs: Int, report: inout Report) throws {
        let size = files.size

        // One untimed load first, so the first timed run does not also pay for warming the allocator.
        keep(try MapDocument(contentsOf: files.map))
        let parse = try sample(runs) { try timed { try MapDocument(contentsOf: files.map) }.seconds }
        report.set("load (read + parse)", .seconds, size: size, parse.median)

        let loadCheck = try sample(runs) {
            try timed { () throws -> (MapDocument, [Diagnostic]) in
                let document = try MapDocument(contentsOf: files.map)
                return (document, document.check())
            }.seconds
        }
        report.set("load + check", .seconds, size: size, loadCheck.median)
        // The same in a fresh process, as `assetmap check` runs (and as nop is timed): adds start-up,
        // first-touch page faults for all its memory, and exit.
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let devNull = FileHandle(forWritingAtPath: "/dev/null")!
        let loadCheckProcess = try sample(runs) {
            var status: Int32 = 0
            let time = try seconds {
                status = try runProgram(executable, ["--load-check", files.map], stdout: devNull).status
            }
            guard status == 0 else { throw BenchError("--load-check failed on \(files.map) (exit \(status))") }
            return time
        }
        report.set(
            "load + check in a fresh process (like `assetmap check`)", .seconds, size: size, loadCheckProcess.median)

        // Edit then save, on a copy so the generated map stays as it was.
        var document = try MapDocument(contentsOf: files.map)
        let problems = document.check()
        let errors = problems.filter { $0.severity == .error }
        if !errors.isEmpty {
            throw BenchError(
                "the generated map has \(errors.count) errors, first: \(errors[0].formatted(file: files.map))")
        }
        var editTimes: [Double] = [], saveTimes: [Double] = []
        for run in 0..<runs {
            let status = run % 2 == 0 ? "agreed" : "parked"
            editTimes.append(
                try seconds {
                    let change = try document.setAttribute(.node(files.middleBarrierID), key: "status", value: status)
                    document.perform(change)
                })
            saveTimes.append(try seconds { try MapFile.save(document.data, to: files.saveTarget) })
        }
        let saved = try MapDocument(contentsOf: files.saveTarget)
        guard saved.graph.node(files.middleBarrierID)?.value("status") == (runs % 2 == 1 ? "agreed" : "parked") else {
            throw BenchError("the saved map does not hold the edit")
        }
        let edit = Samples(seconds: editTimes), save = Samples(seconds: saveTimes)
        let editAndSave = Samples(seconds: zip(editTimes, saveTimes).map(+))
        report.set("edit one attribute (setAttribute + perform)", .seconds, size: size, edit.median)
        report.set("save (MapFile.write, fsync)", .seconds, size: size, save.median)
        report.set("edit + save, median", .seconds, size: size, editAndSave.median)
        report.set(
            "edit + save, worst", .seconds, size: size, editAndSave.worst,
            target: .init(text: "< 0.3 s", limit: 0.3))
        let loadEditSave = try sample(runs) {
            try timed { () throws -> MapDocument in
                var fresh = try MapDocument(contentsOf: files.map)
                fresh.perform(try fresh.setAttribute(.node(files.middleBarrierID), key: "status", value: "agreed"))
                try MapFile.save(fresh.data, to: files.saveTarget)
                return fresh
            }.seconds
        }
        report.set("load + edit + save", .seconds, size: size, loadEditSave.median)

        let graph = document.graph
        let whole = try sample(runs) { try timed { try DotExport.dot(graph) }.seconds }
        report.set(
            "export DOT, whole map", .seconds, size: size, whole.median,
            target: .init(text: "< 1 s", limit: 1))
        var focus = DotOptions()
        focus.focus = files.middleBarrierID
        focus.depth = 2
        let slide = try sample(runs) { try timed { try DotExport.dot(graph, options: focus) }.seconds }
        report.set("export DOT, --focus (depth 2)", .seconds, size: size, slide.median)

        if let nop = findExecutable("nop") {
            let nopRuns = try sample(runs) {
                var status: Int32 = 0
                let time = try seconds { status = try runProgram(nop, [files.dot], stdout: devNull).status }
                guard status == 0 else { throw BenchError("nop failed on \(files.dot) (exit \(status))") }
                return time
            }
            report.set("Graphviz nop (parse + write the same graph)", .seconds, size: size, nopRuns.median)
            report.set(
                "ratio load + check / nop", .ratio, size: size, loadCheck.median / nopRuns.median,
                target: .init(text: "≤ 0.1", limit: 0.1, inclusive: true))
            report.set("ratio, both as fresh processes", .ratio, size: size, loadCheckProcess.median / nopRuns.median)
        } else {
            report.note(
                "Graphviz nop (parse + write the same graph)", .seconds, size: size,
                "nop not found: apt-get install graphviz")
            report.note(
                "ratio load + check / nop", .ratio, size: size, "–",
                target: .init(text: "≤ 0.1", limit: 0.1, inclusive: true))
        }
    }

    /// What the program does with a map, run in a child process so its peak memory is this map's alone.
    static func memoryWorkload(map: String, focus: String, saveTarget: String) throws {
        // ASSETMAP_BENCH_MEMORY_STEPS=1 prints the peak after each step (to find what sets it).
        let steps = ProcessInfo.processInfo.environment["ASSETMAP_BENCH_MEMORY_STEPS"] != nil
        func step(_ name: String) {
            if steps {
                FileHandle.standardError.write(Data("\(name): \((peakResidentBytes() ?? 0) / 1_048_576) MB\n".utf8))
            }
        }
        var document = try MapDocument(contentsOf: map)
        step("load")
        keep(document.check())
        step("check")
        document.perform(try document.setAttribute(.node(focus), key: "status", value: "agreed"))
        step("edit")
        try MapFile.save(document.data, to: saveTarget)
        step("save")
        keep(try DotExport.dot(document.graph))
        step("export DOT")
        UISection.memoryWorkload(document, path: saveTarget)
        step("UI")
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
