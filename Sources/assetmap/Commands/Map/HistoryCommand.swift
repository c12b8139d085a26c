import ArgumentParser
import AssetMapCore
import Foundation

/// `assetmap history FILE`: the map's story, from git and from its dated lines.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract:
            "The map's story for funders: per month barriers raised, agreed, resolved and parked, improvements proposed and done, by clinical area, and each barrier's timeline.",
        discussion: """
            Reads every revision of the file in git (git log --follow) and the dated history: and review: \
            lines in the file itself; outside git, only the dated lines. A fact seen in both counts once, \
            on its earliest date. --format csv gives one row per event (date, month, record, kind, label, \
            event, detail, clinical, commit).
            """)

    @Argument(help: "The map file.")
    var file: String

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, md, csv, json }

    @Option(help: "text (the default, with a small chart), md, csv or json.")
    var format: Format = .text

    @Flag(help: "Only the dated lines in the file, even inside a git repository.")
    var noGit = false

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        let current = try CLI.loadOrExit(file, status: 1)
        var revisions = noGit ? [] : try Self.gitRevisions(of: file)
        if revisions.last?.document.text != current.text {
            revisions.append(MapRevision(date: ReviewDate.today(), commit: nil, document: current))
        }
        let history = ImpactHistory(revisions: revisions)
        let name = URL(fileURLWithPath: file).lastPathComponent
        let text: String
        switch format {
        case .text: text = history.text(file: name)
        case .md: text = history.markdown(file: name)
        case .csv: text = history.csv()
        case .json: text = history.json(file: name)
        }
        do {
            try OutputFile.write(
                Data(Escaping.forOutput(text, as: format == .json ? .json : .text).utf8), to: output ?? "-")
        } catch {
            CLI.printError("\(error)")
            throw ExitCode(1)
        }
    }

    /// The file's committed versions, oldest first: one `git log` for the commits and blob ids, one
    /// `git cat-file --batch` for all the contents. Empty outside git or for a file git does not track.
    static func gitRevisions(of file: String) throws -> [MapRevision] {
        let url = URL(fileURLWithPath: file).standardizedFileURL
        let directory = url.deletingLastPathComponent().path
        guard (try? Git.run(["rev-parse", "--is-inside-work-tree"], in: directory))?.status == 0 else { return [] }
        let log = try Git.run(
            [
                "log", "--follow", "--no-merges", "--format=commit %H %as", "--raw", "--no-abbrev", "--",
                url.lastPathComponent,
            ],
            in: directory)
        guard log.status == 0 else { return [] }
        var commits: [(commit: String, date: String, blob: String)] = []
        var pending: (commit: String, date: String)?
        for line in log.text.split(separator: "\n") {
            if line.hasPrefix("commit ") {
                let words = line.split(separator: " ")
                if words.count == 3 { pending = (String(words[1]), String(words[2])) }
            } else if line.hasPrefix(":"), let (commit, date) = pending {
                // :MODE MODE OLD NEW STATUS\tPATH — a deleted file has no new blob.
                let fields = line.split(separator: "\t")[0].split(separator: " ")
                if fields.count >= 5, !fields[4].hasPrefix("D"), fields[3].contains(where: { $0 != "0" }) {
                    commits.append((commit, date, String(fields[3])))
                }
                pending = nil
            }
        }
        guard !commits.isEmpty else { return [] }
        let batch = try Git.run(
            ["cat-file", "--batch"], in: directory,
            input: Data(commits.map { $0.blob + "\n" }.joined().utf8))
        var revisions: [MapRevision] = []
        var offset = batch.stdout.startIndex
        for (commit, date, _) in commits {
            // "<sha> blob <size>\n<content>\n"
            guard let newline = batch.stdout[offset...].firstIndex(of: 0x0A) else { break }
            let header = String(decoding: batch.stdout[offset..<newline], as: UTF8.self).split(separator: " ")
            guard header.count == 3, let size = Int(header[2]) else { break }
            let content = batch.stdout[(newline + 1)..<(newline + 1 + size)]
            offset = newline + 1 + size + 1
            // A revision that is not UTF-8 tells nothing; the others still do.
            if let document = try? MapDocument(data: Data(content)) {
                revisions.append(MapRevision(date: date, commit: commit, document: document))
            }
        }
        return revisions.reversed()
    }
}
