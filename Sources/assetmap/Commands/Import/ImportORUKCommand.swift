import ArgumentParser
import AssetMapCore
import AssetMapFeeds
import AssetMapInterchange
import Foundation

struct ImportORUK: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oruk",
        abstract:
            "Import an Open Referral UK / HSDS directory: organisations, places, and where services are delivered.",
        discussion: """
            assetmap import oruk walsall-directory/ -o directory.map      (a data package folder or .zip)
            assetmap import oruk services-1.json --into walsall.map        (JSON saved from an API: one page, or a folder)
            assetmap import oruk https://api.example.org -o directory.map (a live API: every page of /services)
            Re-importing a newer feed updates records by their source id, keeps what you added, and marks records
            that left the feed with left-feed: DATE (never deletes them, and only after a complete read). Records
            the feed gets wrong are skipped and listed; --strict refuses the import instead. Details: docs/IMPORT.md.
            """)

    @Argument(
        help: "A data package (folder or .zip), a folder of saved API pages, one page (.json), or an API's address.")
    var path: String

    @Option(
        help:
            "The feed's name in the map's source: lines (default: the package's name or the API's host, else open-referral)."
    )
    var source: String?

    @Flag(help: "Write nothing if any record is skipped or has a warning (exit 1).")
    var strict = false

    @Option(help: "A live API: only services modified after this date (YYYY-MM-DD); nothing is flagged as gone.")
    var modifiedAfter: String?

    @Option(help: "A live API: seconds to wait for one page.")
    var timeout: Double = 30

    @Option(help: "A live API: retries of a page after a 429 or 5xx answer or a broken connection.")
    var retries = 3

    @Option(help: "A live API: seconds between requests.")
    var pace: Double = 0.05

    @OptionGroup var target: ImportTarget

    var isLive: Bool { path.hasPrefix("https://") || path.hasPrefix("http://") }

    func validate() throws {
        if let modifiedAfter, !(modifiedAfter.count == 10 && modifiedAfter.split(separator: "-").count == 3) {
            throw ValidationError("--modified-after takes a date, YYYY-MM-DD")
        }
        if !isLive && modifiedAfter != nil { throw ValidationError("--modified-after is for a live API (https://…)") }
        guard timeout > 0, retries >= 0, pace >= 0 else {
            throw ValidationError("--timeout, --retries and --pace take positive numbers")
        }
    }

    func run() throws {
        if isLive {
            let host = URL(string: path)?.host ?? "open-referral"
            let pages = try readLive()
            try target.run(defaultTitle: host) {
                try Self.refusingProblems(
                    strict,
                    OpenReferral.importSet(
                        pages: pages.map { ($0.url, $0.data) }, source: source ?? host,
                        partial: modifiedAfter.map { ["only services modified after \($0)"] } ?? []))
            }
            return
        }
        let title = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        try target.run(defaultTitle: title) {
            try Self.refusingProblems(strict, OpenReferral.importSet(path: path, source: source))
        }
    }

    /// Every page of the API, with a progress bar on a terminal; a page that cannot be had writes nothing.
    private func readLive() throws -> [LiveFeed.Page] {
        var options = LiveFeed.Options()
        (options.timeout, options.retries, options.pace, options.modifiedAfter) = (
            timeout, retries, pace, modifiedAfter
        )
        let feed = LiveFeed(path, options: options)
        let bar = ProgressBar(label: path)
        do {
            let pages = try Blocking.run { try await feed.pages { read, known in bar.show(read, of: known) } }
            bar.finish("read \(pages.count) page\(pages.count == 1 ? "" : "s") from \(path)")
            return pages
        } catch let failure as LiveFeed.Failure {
            bar.finish(nil)
            CLI.printError("\(failure)")
            CLI.printError("nothing written: the feed could not be read whole")
            throw ExitCode(1)
        }
    }

    /// Under `--strict`, a feed with skipped records or warnings is refused whole, each problem said.
    static func refusingProblems(_ strict: Bool, _ set: ImportSet) throws -> ImportSet {
        guard strict, !set.problems.isEmpty else { return set }
        for problem in set.problems { CLI.printError(problem) }
        CLI.printError(
            "nothing written (--strict): \(set.problems.count) record\(set.problems.count == 1 ? "" : "s") skipped or with warnings"
        )
        throw ExitCode(1)
    }
}

/// Pages read so far, drawn over one line of standard error when it is a terminal.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let terminal = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()

    init(label: String) { self.label = label }

    func show(_ read: Int, of known: Int) {
        guard terminal else { return }
        let width = 24, total = max(known, read, 1)
        let filled = width * read / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        lock.withLock {
            FileHandle.standardError.write(Data("\r\u{1B}[K[\(bar)] \(read)/\(total) pages  \(label)".utf8))
        }
    }

    func finish(_ line: String?) {
        lock.withLock {
            if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            if let line { FileHandle.standardError.write(Data((line + "\n").utf8)) }
        }
    }
}

/// Runs async work to its end from a synchronous command.
enum Blocking {
    private final class Box<T>: @unchecked Sendable { var result: Result<T, Error>? }

    static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }
}
