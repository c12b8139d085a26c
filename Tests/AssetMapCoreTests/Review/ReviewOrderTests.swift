import Testing
@testable import AssetMapCore

/// Review order, grid order and filter choices: defined once in `Review`, used by the deck, its cache and the picker.
@Suite struct ReviewOrderTests {
    let map = """
        community c "C"
        place p "P"
        barrier b1 "One"
          status: discussed
          votes: 9
        organisation o "O"
        barrier b2 "Two"
          votes: 2
          impact: high
          effort: low
        barrier b3 "Three"
          votes: 5
          impact: high
          effort: low
          clinical: smi, zz-own-area

        """

    @Test func aCardMadeAloneEqualsTheOneInTheList() {
        let graph = MapDocument(text: map).graph
        for card in Review.cards(graph) {
            #expect(Review.card(card.id, in: graph) == card, "\(card.id): fileOrder is its position among the barriers")
        }
        #expect(Review.cards(graph).map(\.fileOrder) == [0, 1, 2])
    }

    @Test func reviewAndGridOrder() {
        let graph = MapDocument(text: map).graph
        // Open first (most votes first), then the discussed one despite its 9 votes.
        #expect(Review.deck(graph).map(\.id) == ["b3", "b2", "b1"])
        #expect(Review.grid(Review.cards(graph))[.quickWin]?.map(\.id) == ["b3", "b2"])
        // A fixed order keeps its barriers, then adds new matches in review order.
        #expect(
            Review.deck(graph, filter: ReviewFilter(), order: ["b1", "gone", "b2", "b1"]).map(\.id) == [
                "b1", "b2", "b3",
            ])
        #expect(Review.deck(graph, filter: ReviewFilter(clinical: "smi"), order: ["b1"]).map(\.id) == ["b1", "b3"])
    }

    @Test func filterChoicesPutTheVocabularyFirst() {
        let choices = Review.choices(vocabulary: ["smi", "cancer"], inUse: ["zz", "cancer", "aa", "zz"])
        #expect(choices == ["smi", "cancer", "aa", "zz"])
        let graph = MapDocument(text: map).graph
        #expect(Review.filterChoices(graph).clinical == Vocabulary.clinical + ["zz-own-area"])
    }
}
