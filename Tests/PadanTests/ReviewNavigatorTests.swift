import PadanReview
import PadanStore
import Testing

@Suite("Review screen navigation")
struct ReviewNavigatorTests {
    func items(_ count: Int) -> [ReviewItem] {
        (0..<count).map { ReviewItem(id: Int64($0 + 1), score: Double(($0 * 37) % 100) / 100, status: .auto, isOneToOne: true) }
    }

    @Test("Moves stay inside the list; :N counts from 1")
    func moves() {
        var navigator = ReviewNavigator(items: items(10))
        navigator.move(by: -3)
        #expect(navigator.cursor == 0)
        navigator.move(by: 25)
        #expect(navigator.cursor == 9)
        navigator.jump(toNumber: 4)
        #expect(navigator.current?.id == 4)
        navigator.first()
        #expect(navigator.cursor == 0)
        var empty = ReviewNavigator(items: [])
        empty.move(by: 1)
        empty.nextNeedingReview()
        #expect(empty.current == nil)
    }

    @Test("The window scrolls just enough to keep the cursor visible, even on 100,000 links")
    func window() {
        var navigator = ReviewNavigator(items: items(100_000))
        #expect(navigator.window(rows: 20) == 0..<20)
        navigator.move(by: 25)
        #expect(navigator.window(rows: 20) == 6..<26)
        navigator.last()
        #expect(navigator.window(rows: 20) == 99_980..<100_000)
        navigator.move(by: -30)
        #expect(navigator.window(rows: 20).contains(navigator.cursor))
    }

    @Test("n skips reviewed links and wraps; the queue puts the least confident first")
    func needingReview() {
        var list = items(5)
        list[1].status = .confirmed
        list[2].status = .rejected
        var navigator = ReviewNavigator(items: list)
        navigator.nextNeedingReview()
        #expect(navigator.cursor == 3)
        navigator.nextNeedingReview()
        navigator.nextNeedingReview()
        #expect(navigator.cursor == 0)
        navigator.nextNeedingReview(forward: false)
        #expect(navigator.cursor == 4)
        let scores = navigator.reviewQueue.map { navigator.items[$0].score }
        #expect(scores == scores.sorted())
        #expect(navigator.statusCounts[.auto] == 3)
    }

    @Test("Reloading after an edit keeps the cursor on the same link")
    func reload() {
        var navigator = ReviewNavigator(items: items(6))
        navigator.jump(toNumber: 5)
        var changed = items(6)
        changed.remove(at: 1)
        navigator.reload(changed)
        #expect(navigator.current?.id == 5)
    }
}
