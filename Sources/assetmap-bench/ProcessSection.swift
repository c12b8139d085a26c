import Foundation
import AssetMapTestSupport
#if canImport(Glibc)
    import Glibc
#endif

/// Whole processes on every layout of the same graph: `assetmap check` beside Graphviz `nop` (wall time and the
/// child's peak memory), and the UI from launch to its first full screen in a real terminal (tmux).
enum ProcessSection {
    struct Finished {
        var seconds: Double
        var peakBytes: Int
        var exitStatus: Int32?
    }

    /// Runs a program with its output to /dev/null (or to the file `output`): wall time, and its peak resident
    /// memory. Spawned directly, so a daemon it starts (tmux's server) holds no pipe of ours.
    /// The peak comes from GNU time: a child spawned by this (large) process inherits our own peak into its
    /// `ru_maxrss` at exec (posix_spawn shares our memory until then), so `wait4` alone over-reports it.
    @discardableResult
    static func run(_ arguments: [String], output: String = "/dev/null") throws -> Finished {
        guard let time = gnuTime else { return try spawn(arguments, output: output) }
        let peakFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "assetmap-bench-peak-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: peakFile) }
        var finished = try spawn([time, "-f", "%M", "-o", peakFile] + arguments, output: output)
        let written = (try? String(contentsOfFile: peakFile, encoding: .utf8)) ?? ""
        // GNU time writes "Command exited with non-zero status N" above the figure when the program fails.
        guard let kilobytes = written.split(separator: "\n").last.flatMap({ Int($0) }) else {
            throw BenchError("GNU time gave no peak for \(arguments[0])")
        }
        finished.peakBytes = kilobytes * 1024
        return finished
    }

    /// `/usr/bin/time` (Debian's `time`), nil without it: then peaks include the bench's own.
    static let gnuTime: String? = FileManager.default.isExecutableFile(atPath: "/usr/bin/time") ? "/usr/bin/time" : nil

    static func spawn(_ arguments: [String], output: String) throws -> Finished {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let start = now()
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw BenchError("cannot run \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = now() - start
        // Exited normally (no signal): the status is in the second byte.
        return Finished(
            seconds: seconds, peakBytes: Int(usage.ru_maxrss) * 1024,
            exitStatus: status & 0x7F == 0 ? (status >> 8) & 0xFF : nil)
    }

    static func measure(size: Int, layoutMaps: [(MapLayout, String)], dot: String, runs: Int, report: inout Report)
        throws
    {
        let bench =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let assetmap = URL(fileURLWithPath: bench).deletingLastPathComponent().appendingPathComponent("assetmap").path
        guard FileManager.default.isExecutableFile(atPath: assetmap) else {
            report.pending.append("whole processes: build the command first (swift build -c release)")
            return
        }
        guard let nop = findExecutable("nop") else {
            report.pending.append("whole processes: nop not found (apt-get install graphviz)")
            return
        }
        if gnuTime == nil {
            report.pending.append(
                "whole processes: peak memory includes the bench's own without GNU time (apt-get install time)")
        }
        var nopTimes: [Double] = []
        for _ in 0..<runs {
            let finished = try run([nop, dot])
            guard finished.exitStatus == 0 else { throw BenchError("nop failed on \(dot)") }
            nopTimes.append(finished.seconds)
        }
        let nopSamples = Samples(seconds: nopTimes)
        report.note(
            "whole process: Graphviz nop, min / median", .text, size: size,
            "\(Row.seconds(nopSamples.best)) / \(Row.seconds(nopSamples.median))")
        for (layout, map) in layoutMaps {
            let fileSize = Double((try FileManager.default.attributesOfItem(atPath: map)[.size] as? Int) ?? 1)
            var checks: [Finished] = []
            var screens: [Double] = []
            // The checks first, then the UI: a UI just quit (and its tmux server) can still be freeing memory on
            // the other core while the next process starts.
            for _ in 0..<runs {
                let finished = try run([assetmap, "check", map])
                guard finished.exitStatus == 0 else {
                    throw BenchError(
                        "assetmap check \(map) exited \(finished.exitStatus.map(String.init) ?? "on a signal")")
                }
                checks.append(finished)
            }
            if let tmux = findExecutable("tmux") {
                for _ in 0..<runs { screens.append(try firstScreen(tmux: tmux, assetmap: assetmap, map: map)) }
            }
            let times = Samples(seconds: checks.map(\.seconds))
            let name = "whole process (\(layout.rawValue)):"
            report.note(
                "\(name) assetmap check, min / median", .text, size: size,
                "\(Row.seconds(times.best)) / \(Row.seconds(times.median))")
            report.set(
                "\(name) check / nop, medians", .ratio, size: size, times.median / nopSamples.median,
                target: .init(text: "≤ 0.08", limit: 0.08, inclusive: true))
            report.set("\(name) check / nop, best runs", .ratio, size: size, times.best / nopSamples.best)
            report.set(
                "\(name) check peak memory / file size", .ratio, size: size,
                Double(checks.map(\.peakBytes).max() ?? 0) / fileSize,
                target: .init(text: "≤ 5", limit: 5, inclusive: true))
            if screens.isEmpty {
                report.note("\(name) UI first full screen in tmux, median", .seconds, size: size, "tmux not found")
            } else {
                let samples = Samples(seconds: screens)
                report.set(
                    "\(name) UI first full screen in tmux, median", .seconds, size: size, samples.median,
                    target: .init(text: "≤ 0.5 s", limit: 0.5, inclusive: true))
                report.set("\(name) UI first full screen in tmux, min", .seconds, size: size, samples.best)
            }
        }
    }

    /// Seconds from launching the app in a waiting 120×40 tmux pane to its first full screen (the tab bar at the
    /// top and the key hints at the bottom), polled every 5 ms. A private tmux server, as the end-to-end tests use.
    static func firstScreen(tmux: String, assetmap: String, map: String) throws -> Double {
        // A server of its own each time: the last one may still be exiting after kill-server.
        let socket = "assetmap-bench-\(UUID().uuidString.prefix(8))",
            capture = NSTemporaryDirectory() + "assetmap-bench-screen-\(getpid())"
        func control(_ arguments: [String], output: String = "/dev/null") throws {
            let finished = try spawn([tmux, "-L", socket, "-f", "/dev/null"] + arguments, output: output)
            guard finished.exitStatus == 0 else { throw BenchError("tmux \(arguments.first ?? "") failed") }
        }
        func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        // The server and pane exist first, so the time is the app's own, not tmux starting.
        try control(["new-session", "-d", "-x", "120", "-y", "40", "sleep 600"])
        defer {
            _ = try? control(["kill-server"])
            unlink(capture)
        }
        let start = now()
        try control(["respawn-pane", "-k", "env LANG=C.UTF-8 TERM=xterm-256color \(quoted(assetmap)) \(quoted(map))"])
        var screen = ""
        while now() - start < 30 {
            try control(["capture-pane", "-p"], output: capture)
            screen = (try? String(contentsOfFile: capture, encoding: .utf8)) ?? ""
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
            if rows.first?.contains("1 Browse") == true, rows.contains(where: { $0.contains("q quit") }) {
                return now() - start
            }
            usleep(5_000)
        }
        throw BenchError("the UI showed no full screen within 30 s on \(map); the pane shows:\n\(screen)")
    }
}
