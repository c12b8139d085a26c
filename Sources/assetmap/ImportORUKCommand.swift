import ArgumentParser
struct ImportORUK: ParsableCommand { static let configuration = CommandConfiguration(commandName: "oruk") }
