import Foundation
import Testing
@testable import AssetMapUI
@testable import AssetMapCore
import TerminalKit
import AssetMapTestSupport

/// A small map with every built-in kind, multi-line and private attributes, and links both ways.
let sampleMap = """
    map "Test town asset map"
      area: Test town

    community refugees "Refugees and people seeking asylum"
      plus: yes
      note: Many are housed in contingency hotels
      + and move at short notice.
      private-contact: ask the hotel desk

    community roma "Roma communities"

    community carers "Unpaid carers"

    organisation rmc "Refugee and Migrant Centre"
      when: Mondays and Thursdays

    place library "Central Library"

    barrier proof-of-address "Asked for proof of address"
      status: open

    barrier language "No interpreter offered"

    improvement cards "Registration cards"
      status: proposed

    refugees -> rmc trusts
    refugees -> library "gathers at"
    proof-of-address -> refugees affects
    language -> refugees affects
    language -> roma affects
    cards -> proof-of-address addresses
    rmc -> cards runs

    """

/// Drives the app headless: feed keys and text, read the screen back as text.
struct Harness {
    var app: AssetMapApp
    let path: String
    private let folder: TemporaryFolder

    /// Writes `text` to a fresh temp file and opens it like the binary would.
    /// `variables`: the environment variables the app sees (`EDITOR`…); nil: the process's own.
    init(
        _ text: String = sampleMap, width: Int = 80, height: Int = 24, today: String = "2025-03-01",
        variables: [String: String]? = nil, room: (any RoomLink)? = nil
    ) throws {
        folder = try TemporaryFolder()
        path = folder.url.appendingPathComponent("test.map").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var environment = AppEnvironment.live
        environment.today = { today }
        if let variables { environment.variables = variables }
        environment.room = room
        app = try AssetMapApp.open(path: path, environment: environment)
        app.update(.resize(width: width, height: height))
    }

    var screen: String {
        var buffer = Buffer(width: app.width, height: app.height)
        app.view(into: &buffer)
        return buffer.text
    }

    var buffer: Buffer {
        var buffer = Buffer(width: app.width, height: app.height)
        app.view(into: &buffer)
        return buffer
    }

    mutating func press(_ keys: Key...) { for key in keys { app.update(.key(key)) } }

    /// Types each character as a key press.
    mutating func type(_ text: String) { for c in text { app.update(.key(.char(c))) } }

    mutating func resize(_ width: Int, _ height: Int) { app.update(.resize(width: width, height: height)) }

    var fileText: String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
    /// The folder the map is in.
    var folderPath: String { folder.url.path }
    var documentText: String { app.document.text }
    var status: String { buffer.row(app.height - 2) }
    var hints: String { buffer.row(app.height - 1) }
}

/// The app's parts as the tests look at them.
extension AssetMapApp {
    var index: DocumentIndex { session.index }
    var searchIndex: SearchIndex { session.searchIndex }
    var review: ReviewScreen { screens.lazy.compactMap { $0 as? ReviewScreen }.first! }
    /// Review's cards, or (before the tab was first shown, when it has made none) what it would make.
    var reviewCache: ReviewCache {
        if let made = review.madeCache { return made }
        var fresh = ReviewCache(graph: document.graph)
        fresh.updateDeck(filter: review.filter, order: review.order)
        return fresh
    }
    var reviewDeck: ReviewDeck { ReviewDeck(cache: reviewCache) }
    var reviewSummaryFromScratch: SessionSummary { review.summaryFromScratch(session) }
    var changedSinceStart: Set<String>? { review.changedSinceStart }

    mutating func setReviewFilter(_ filter: ReviewFilter) {
        run(.change(ReviewScreen.self) { $0.setFilter(filter, session: $1) })
    }

    /// The dialog on show; setting nil closes it.
    var modal: OpenDialog? {
        get {
            dialog.map {
                ($0 as? ReviewPicker).map(OpenDialog.reviewPicker) ?? ($0 as? TextPrompt).map(OpenDialog.text)
                    ?? .other($0)
            }
        }
        set { if newValue == nil { dialog = nil } }
    }
}

enum OpenDialog {
    case reviewPicker(ReviewPicker)
    case text(TextPrompt)
    case other(any Dialog)
}

extension ReviewPicker {
    /// Every line as the picker would draw it.
    func choices(in graph: MapGraph) -> [Choice] { lines.indices.map { choice($0, in: graph) } }
}

/// Browse's layout lives with its screen.
typealias BrowseView = BrowseScreen

extension ReviewScreen {
    /// The first line of the card or summary on show.
    var scroll: Int { textScroll.offset }
}
