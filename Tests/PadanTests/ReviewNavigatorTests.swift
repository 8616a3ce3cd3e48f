import PadanReview
import PadanStore
import Testing

@Suite("Review screen navigation")
struct ReviewNavigatorTests {
    func items(_ count: Int) -> [ReviewItem] {
        (0..<count).map { index in
            let score = Double((index * 37) % 100) / 100
            return ReviewItem(
                id: Int64(index + 1), source: index..<index + 1, target: index..<index + 1, score: score, status: .auto)
        }
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

    @Test("n walks the links needing review least confident first, skips reviewed ones and wraps; ]u goes in reading order")
    func needingReview() {
        var list = items(5)  // scores 0, .37, .74, .11, .48
        list[1].status = .confirmed
        list[2].status = .rejected
        list[4].status = .edited
        list[4].hasFinding = true
        var navigator = ReviewNavigator(items: list)
        var visited: [Int] = []
        for _ in 0..<4 {
            navigator.nextNeedingReview()
            visited.append(navigator.cursor)
        }
        #expect(visited == [0, 3, 4, 0])
        navigator.nextNeedingReview(forward: false)
        #expect(navigator.cursor == 4)
        let scores = navigator.reviewQueue.map { navigator.items[$0].score }
        #expect(scores == scores.sorted())
        #expect(navigator.statusCounts[.auto] == 2)
        #expect(navigator.findingCount == 1)
        navigator.first()
        navigator.nextUnconfirmed()
        #expect(navigator.cursor == 3)
        navigator.nextUnconfirmed(forward: false)
        #expect(navigator.cursor == 0)
    }

    @Test("Links of several rows: the window shows the whole current link, and paging moves by screens")
    func tallLinks() {
        var navigator = ReviewNavigator(items: items(1_000))
        let height: (Int) -> Int = { $0 % 3 + 1 }
        navigator.jump(toNumber: 100)
        let window = navigator.window(rows: 10, height: height)
        #expect(window.contains(99))
        #expect(window.prefix { $0 <= 99 }.map(height).reduce(0, +) <= 10)
        navigator.page(forward: true, linksPerScreen: window.count)
        #expect(navigator.cursor == 99 + window.count)
        #expect(navigator.index(holding: 500, side: .target) == 500)
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
