/// The review's two relations have a direction: `affects` goes from a barrier to a community, `addresses`
/// from an improvement to a barrier. `check` warns about a link that breaks it and the link dialog flags it
/// before the link is made; both read the rule here.
package enum LinkRule: Equatable, Sendable {
    /// The ends are the wrong way round: swapping them keeps the rule.
    case reversed(relation: String, from: String, to: String)
    /// The relation links other kinds than it should.
    case wrongKinds(relation: String, expectedFrom: String, expectedTo: String, from: String, to: String)

    /// What breaks the rule for `relation` (exactly `affects` or `addresses`) from a node of kind `from` to one of
    /// kind `to` (nil: a declared kind), or nil when nothing does.
    package static func broken(relation: String, from: BuiltinKind?, to: BuiltinKind?) -> LinkRule? {
        let expected: (BuiltinKind, BuiltinKind)
        switch relation {
        case "affects": expected = (.barrier, .community)
        case "addresses": expected = (.improvement, .barrier)
        default: return nil
        }
        guard (from, to) != expected, let from, let to else { return nil }
        if (from, to) == (expected.1, expected.0) {
            return .reversed(relation: relation, from: expected.0.name, to: expected.1.name)
        }
        guard relation == "addresses" || (from, to) == (.community, .barrier) else { return nil }
        return .wrongKinds(
            relation: relation, expectedFrom: expected.0.name, expectedTo: expected.1.name, from: from.name,
            to: to.name)
    }

    /// The rule as a sentence; `write` names the link the right way round, for a reversed one.
    package func message(write: String? = nil) -> String {
        switch self {
        case .reversed(let relation, let from, let to):
            return "'\(relation)' goes from the \(from) to the \(to)" + (write.map { ": write \($0)" } ?? "")
        case .wrongKinds(let relation, let expectedFrom, let expectedTo, let from, let to):
            func a(_ word: String) -> String { ("aeiou".contains(word.first ?? "x") ? "an " : "a ") + word }
            return "'\(relation)' links \(a(expectedFrom)) to \(a(expectedTo)), not \(a(from)) to \(a(to))"
        }
    }
}
