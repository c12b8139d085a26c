import ArgumentParser
import AssetMapCore
import Foundation
import TerminalBackend

/// `assetmap new FILE`: a map of one's own, with its title and area and none of the template's examples.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a map of your own: its title and area, no example records.",
        discussion: """
            assetmap new walsall.map --title "Walsall community asset map" --area Walsall
            Without --title (or --area), asks for it on the terminal. FILE must not exist: it is never \
            replaced. The commented template maps/template.map shows every kind of record to copy from.
            """)

    @Argument(help: "The map file to create (refused if it exists).")
    var file: String

    @Option(help: "The map's title (asked on a terminal when not given).")
    var title: String?

    @Option(help: "Where the map covers, e.g. a town or borough (asked on a terminal when not given; may be empty).")
    var area: String?

    func run() throws {
        do {
            try StartMap.create(file, title: title, area: area)
        } catch let failure as OpenFailure {
            CLI.printError(failure.message)
            throw ExitCode(failure.status)
        }
        var done = "Created \(file); open it with: assetmap \(Escaping.shellWord(file))"
        if let template = BundledMap.find("maps/template.map") { done += " (examples of every record: \(template))" }
        print(done)
    }
}

/// Starting a map: asking for what was not given, then writing it through `MapFile.create`. Shared by `new` and
/// by `assetmap FILE` for a missing FILE.
enum StartMap {
    static func create(_ path: String, title: String?, area: String?) throws {
        if FileManager.default.fileExists(atPath: path) {
            throw OpenFailure(message: "\(path): error: the file already exists; not changed", status: 1)
        }
        guard let title = try title ?? ask("Title of the map: ", required: true) else {
            throw OpenFailure(message: "Nothing created.", status: 1)
        }
        let area = try area ?? ask("Area it covers (a town or borough; Enter for none): ") ?? ""
        let document: MapDocument
        do {
            document = try MapDocument.newMap(title: title, area: area)
        } catch let error as EditError {
            throw OpenFailure(message: "\(path): error: \(error.message); nothing created", status: 1)
        }
        do {
            try MapFile.create(document.data, at: path)
        } catch let error as MapFileError {
            throw OpenFailure(message: "\(error)", status: 1)
        }
    }

    /// A line typed on the terminal (nil at end of input); `required` asks again after an empty answer.
    private static func ask(_ prompt: String, required: Bool = false) throws -> String? {
        guard Terminal.isInteractive else {
            throw OpenFailure(
                message: "assetmap: no terminal to ask on: give the map's --title and --area", status: 2)
        }
        while true {
            FileHandle.standardError.write(Data(prompt.utf8))
            guard let line = readLine() else { return nil }
            let answer = line.trimmingCharacters(in: .whitespaces)
            if !required || !answer.isEmpty { return answer }
        }
    }
}
