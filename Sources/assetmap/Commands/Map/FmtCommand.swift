import ArgumentParser
import AssetMapCore

struct FmtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Normalise indentation, spacing and quoting; never reorder records or drop comments.",
        discussion: """
            A map with any error (see assetmap check) is never written, only reported. Each file is \
            formatted under the same lock and atomic save as every edit. With --check nothing is \
            written; files that would change are listed and the exit status is 1.
            """)

    @Flag(help: "Only list the files that would change.")
    var check = false

    @OptionGroup var options: EditOptions

    @Argument(help: "The map files to format in place.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one map file") }
    }

    func run() throws {
        var failed = false
        for file in files {
            do {
                if check {
                    let doc = try MapFile.read(file).get()
                    let errors = doc.check().filter { $0.severity == .error }
                    if !errors.isEmpty {
                        throw MapFileError(file, .hasErrors, "not formatted: fix the errors first", diagnostics: errors)
                    }
                    if try !doc.formatting().splices.isEmpty { CLI.say(file); failed = true }
                    continue
                }
                let formatted = try MapFile.edit(file, force: options.force) { doc -> Bool in
                    let change = try doc.formatting()
                    doc.apply(change)
                    return !change.splices.isEmpty
                }
                if formatted { CLI.say("formatted \(file)") }
            } catch let error as MapFileError {
                CLI.report(error)
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}
