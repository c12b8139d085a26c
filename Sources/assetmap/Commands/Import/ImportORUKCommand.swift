import ArgumentParser
import AssetMapCore
import AssetMapInterchange
import Foundation

struct ImportORUK: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oruk",
        abstract:
            "Import an Open Referral UK / HSDS directory: organisations, places, and where services are delivered.",
        discussion: """
            assetmap import oruk walsall-directory/ -o directory.map        (a data package: datapackage.json, organization.csv…)
            assetmap import oruk services-page-1.json --into walsall.map     (JSON saved from an ORUK /services endpoint)
            Re-importing a newer feed updates records by their source id, keeps what you added, and marks records
            that left the feed with left-feed: DATE (never deletes them). Details: docs/IMPORT.md.
            """)

    @Argument(help: "A data package folder, a folder of saved /services pages, or one page (.json).")
    var path: String

    @Option(help: "The feed's name in the map's source: lines (default: the package's name, else open-referral).")
    var source: String?

    @Flag(help: "Write nothing if any record is skipped or has a warning (exit 1).")
    var strict = false

    @OptionGroup var target: ImportTarget

    func run() throws {
        let title = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        try target.run(defaultTitle: title) {
            try Self.refusingProblems(strict, OpenReferral.importSet(path: path, source: source))
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
