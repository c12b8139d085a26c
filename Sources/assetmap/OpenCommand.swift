import ArgumentParser

// Placeholder until the terminal UI lands (issue 3): owned by the terminal-backend work.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open a map in the terminal UI (the default).")

    @Argument(help: "The map file (default: the bundled maps/walsall.map).")
    var file: String?

    func run() throws {
        throw ValidationError("the terminal UI is not built yet")
    }
}
