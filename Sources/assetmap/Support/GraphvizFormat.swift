import Foundation

/// Which picture `export dot` writes: DOT text itself, or anything Graphviz's `dot -T` can write, told by `--format`
/// or the output's extension, so a known extension never gets the wrong bytes.
enum GraphvizFormat {
    /// DOT text (ours, no Graphviz needed), or a Graphviz `-T` format name.
    case dot
    case rendered(String)

    /// Extensions whose Graphviz format has another name.
    static let aliases = ["gv": "dot", "tif": "tiff"]
    /// Formats Graphviz builds commonly write, for telling a known extension when Graphviz is not installed.
    static let common: Set<String> = [
        "bmp", "canon", "cmap", "cmapx", "dot", "eps", "fig", "gd", "gd2", "gif", "gv", "ico", "imap", "ismap",
        "jpe", "jpeg", "jpg", "json", "mp", "pdf", "pic", "plain", "png", "pov", "ps", "ps2", "svg", "svgz",
        "tga", "tif", "tiff", "tk", "vdx", "vml", "vmlz", "vrml", "wbmp", "webp", "xdot",
    ]

    /// The format for `--format NAME` or an `-o` path; nil output or `-` (standard output) or no extension is DOT.
    /// `supported`: what the installed Graphviz writes (nil when it is not installed).
    static func choose(format: String?, output: String?, supported: Set<String>?) throws -> GraphvizFormat {
        let name: String
        if let format {
            name = format.lowercased()
        } else {
            let ext = output.map { URL(fileURLWithPath: $0).pathExtension.lowercased() } ?? ""
            guard output != "-", !ext.isEmpty else { return .dot }
            guard common.contains(ext) || supported?.contains(ext) == true else {
                throw FormatError(
                    "cannot tell a picture format from '.\(ext)'; name one with --format (dot, svg, png, pdf, jpg…)")
            }
            name = aliases[ext] ?? ext
        }
        if name == "dot" || name == "gv" { return .dot }
        if let supported, !supported.contains(name) {
            throw FormatError(
                "Graphviz here cannot write '\(name)'; it writes: \(supported.sorted().joined(separator: ", "))")
        }
        if supported == nil && !common.contains(name) {
            throw FormatError("'\(name)' is not a Graphviz output format")
        }
        return .rendered(name)
    }

    /// The formats the installed Graphviz lists after `dot -T?` (on its standard error).
    static func supported(by graphviz: String) -> Set<String>? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: graphviz)
        process.arguments = ["-T?"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let list = text.range(of: "Use one of:") else { return nil }
        // Names may carry a plugin (`png:cairo`); the part before ':' is what -T takes.
        return Set(
            text[list.upperBound...].split(whereSeparator: \.isWhitespace).map { String($0.split(separator: ":")[0]) })
    }

    struct FormatError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
