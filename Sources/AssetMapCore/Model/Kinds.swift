/// The five kinds every map has, in the order people think of them.
package enum BuiltinKind: String, CaseIterable, Sendable {
    case community, organisation, place, barrier, improvement

    /// The word the map file uses.
    package var name: String { rawValue }

    /// The built-in kind called `name`, found by its length first (`init(rawValue:)` compares with every name).
    package static func named(_ name: String) -> BuiltinKind? {
        guard let kind = withLength(name.utf8.count) else { return nil }
        return name == kind.rawValue ? kind : nil
    }

    /// The built-in kind whose name is these bytes.
    static func named(utf8 name: UnsafeBufferPointer<UInt8>) -> BuiltinKind? {
        guard let kind = withLength(name.count) else { return nil }
        return kind.rawValue.utf8.withContiguousStorageIfAvailable { $0.elementsEqual(name) } == true ? kind : nil
    }

    /// The one kind whose name is this long (no two are).
    private static func withLength(_ count: Int) -> BuiltinKind? {
        switch count {
        case 9: return .community
        case 12: return .organisation
        case 5: return .place
        case 7: return .barrier
        case 11: return .improvement
        default: return nil
        }
    }

    package var plural: String {
        switch self {
        case .community: return "Communities"
        case .organisation: return "Organisations"
        case .place: return "Places"
        case .barrier: return "Barriers"
        case .improvement: return "Improvements"
        }
    }
}

extension Node {
    package func hasKind(_ kind: BuiltinKind) -> Bool { self.kind == kind.rawValue }
}

/// A kind's colour by meaning: the terminal's theme and every export map a role to an actual colour.
package enum KindColorRole: String, CaseIterable, Sendable {
    case community, organisation, place, barrier, improvement
    /// Kinds a map declares itself.
    case declared
}

/// How a kind looks in Graphviz: a shape and an Okabe–Ito colour, so kinds differ in shape as well as hue.
package struct KindStyle: Equatable, Sendable {
    package var shape: String
    package var fill: String
    package var font: String
    package var style = "filled"
}

/// How a kind is shown everywhere: its tag in the terminal (`[C]`), its colour role and its DOT style.
package struct KindPresentation: Equatable, Sendable {
    package var tag: String
    package var colorRole: KindColorRole
    package var dot: KindStyle

    package init(_ kind: BuiltinKind) {
        switch kind {
        case .community:
            self.init("[C]", .community, KindStyle(shape: "ellipse", fill: "#56B4E9", font: "#000000"))
        case .organisation:
            self.init(
                "[O]", .organisation, KindStyle(shape: "box", fill: "#0072B2", font: "#FFFFFF", style: "filled,rounded")
            )
        case .place:
            self.init("[P]", .place, KindStyle(shape: "house", fill: "#009E73", font: "#000000"))
        case .barrier:
            self.init("[B]", .barrier, KindStyle(shape: "octagon", fill: "#D55E00", font: "#000000"))
        case .improvement:
            self.init("[I]", .improvement, KindStyle(shape: "hexagon", fill: "#F0E442", font: "#000000"))
        }
    }

    fileprivate init(_ tag: String, _ colorRole: KindColorRole, _ dot: KindStyle) {
        self.tag = tag
        self.colorRole = colorRole
        self.dot = dot
    }

    /// Declared kinds take these DOT styles in declaration order.
    static let declaredStyles: [KindStyle] = [
        KindStyle(shape: "note", fill: "#CC79A7", font: "#000000"),
        KindStyle(shape: "component", fill: "#E69F00", font: "#000000"),
        KindStyle(shape: "diamond", fill: "#BBBBBB", font: "#000000"),
        KindStyle(shape: "tab", fill: "#FFFFFF", font: "#000000"),
    ]
}

extension MapGraph {
    /// A built-in kind's own presentation; a declared kind is tagged with its first letter.
    package func presentation(ofKind kind: String) -> KindPresentation {
        if let builtin = BuiltinKind(rawValue: kind) { return KindPresentation(builtin) }
        let declared = kinds.lazy.filter { !$0.isBuiltin }.map(\.name)
        let position = declared.firstIndex(of: kind).map { declared.distance(from: declared.startIndex, to: $0) } ?? 0
        return KindPresentation(
            "[\(kind.first.map { String($0).uppercased() } ?? "?")]", .declared,
            KindPresentation.declaredStyles[position % KindPresentation.declaredStyles.count])
    }

    /// "[C]" for community…
    package func tag(ofKind kind: String) -> String { presentation(ofKind: kind).tag }
}
