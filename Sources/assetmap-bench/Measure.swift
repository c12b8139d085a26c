import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Timings of one measurement over several runs.
struct Samples {
    var seconds: [Double]
    var median: Double {
        let sorted = seconds.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
    var worst: Double { seconds.max() ?? 0 }
    var best: Double { seconds.min() ?? 0 }
}

/// Monotonic wall-clock seconds.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// CPU seconds used by this thread (less disturbed than wall time when other processes share the cores).
func cpuNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = now()
    try body()
    return now() - start
}

/// Seconds taken and the result, so the caller frees the result outside the timing
/// (the command line exits without freeing its document; the UI keeps it).
func timed<T>(_ body: () throws -> T) rethrows -> (seconds: Double, result: T) {
    let start = now()
    let result = try body()
    return (now() - start, result)
}

/// Runs `body` `runs` times; `body` returns the seconds of the part it wants timed (so setup can be left out).
func sample(_ runs: Int, _ body: () throws -> Double) rethrows -> Samples {
    var out: [Double] = []
    for _ in 0..<runs { out.append(try body()) }
    return Samples(seconds: out)
}

/// Keeps the optimiser from deleting work whose result is otherwise unused.
@inline(never) func keep<T>(_ value: T) { withExtendedLifetime(value) {} }

/// Peak resident memory of this process so far, in bytes (Linux: VmHWM).
func peakResidentBytes() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let digits = line.split(separator: " ").compactMap { Int($0) }
        if let kb = digits.first { return kb * 1024 }
    }
    return nil
}

/// The full path of an executable on PATH, if any.
func findExecutable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
        let candidate = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// Runs a program to completion; returns its exit status and what it printed (unless `stdout` is given).
@discardableResult
func runProgram(_ executable: String, _ arguments: [String], stdout: FileHandle? = nil, stderr: FileHandle? = nil)
    throws -> (status: Int32, output: Data)
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = stdout ?? pipe
    process.standardError = stderr ?? FileHandle.nullDevice
    try process.run()
    let output = stdout == nil ? pipe.fileHandleForReading.readDataToEndOfFile() : Data()
    process.waitUntilExit()
    return (process.terminationStatus, output)
}

/// Fails unless a whole `assetmap` process exited as expected.
func expectExit(_ result: (status: Int32, output: Data), _ expected: Int32 = 0) throws {
    guard result.status == expected else { throw BenchError("assetmap exited \(result.status), expected \(expected)") }
}

/// Prints whole-process timings (median and worst against a target in seconds) and whether every target held.
func printProcessTable(_ title: String, runs: Int, _ rows: [(String, Samples, Double)]) {
    print("## AssetMap benchmark: \(title) (whole processes)\n")
    print("\(ProcessInfo.processInfo.activeProcessorCount) cores, \(runs) runs, median and worst.\n")
    print("| what runs | median | worst | target |\n|---|---|---|---|")
    var failed: [String] = []
    for (name, samples, target) in rows {
        print(String(format: "| %@ | %.2f s | %.2f s | < %.0f s |", name, samples.median, samples.worst, target))
        if samples.median >= target { failed.append(name) }
    }
    print(failed.isEmpty ? "\nPASS: every \(title) target met." : "\nFAIL: \(failed.joined(separator: "; "))")
}
