// Village search and nearest stations (issue 16): legal.search, regions.search and counselling.stations near a point,
// each at 1, 10 and 50 clients, and at 10 connections as a share of the same server's /api/health in the same run.
// Budgets: each ≥ 25 % of health's req/s at 10 connections (printed as health ÷ it ≤ 4×); search p95 ≤ 5 ms at 1
// client and ≤ 20 ms at 50.

/** What residents type: characters (one, two, three or more), full pinyin, initials, a village's whole name. */
export const SEARCH_QUERIES = ['东平', '新村', '石', '社区', 'dongping', 'dp', '石角', 'xinhua', '平村', 'hzs', '东平村', 'shijiao', '坪', 'lc', '龙岗', 'huangcun', '水口', 'sk', '大塘村', 'tangxia']

/** Points across Guangdong: city centres, a county town, the coast, the northern hills. */
export const SEARCH_POINTS = [
  { lat: 23.13, lng: 113.26 },
  { lat: 22.55, lng: 114.05 },
  { lat: 23.1115, lng: 114.4152 },
  { lat: 21.2, lng: 110.4 },
  { lat: 24.8, lng: 113.6 },
  { lat: 23.66, lng: 116.62 },
  { lat: 22.27, lng: 113.57 },
  { lat: 25.3, lng: 116.1 }
]

export async function searchBench(section, port, { measure, record, body }) {
  const health = await measure(section, 'GET /api/health (beside the searches)', port, 10, () => ({ method: 'GET', path: '/api/health' }))
  const reads = [
    ['legal.search (village name, pinyin, initials)', (n) => body(['legal', 'search'], { q: SEARCH_QUERIES[n % SEARCH_QUERIES.length] }), true],
    ['regions.search (villages: name, pinyin, initials)', (n) => body(['regions', 'search'], { q: SEARCH_QUERIES[n % SEARCH_QUERIES.length], level: 'village' }), true],
    ['counselling.stations near a point (nearest 20)', (n) => body(['counselling', 'stations'], { near: SEARCH_POINTS[n % SEARCH_POINTS.length] }), false]
  ]
  for (const [name, request, search] of reads) {
    await measure(section, name, port, 1, request, search ? 5 : undefined, undefined)
    const ten = await measure(section, name, port, 10, request, undefined, health)
    const share = ten.rps / health.rps
    record(section, `${name}: health req/s ÷ its req/s @10`, health.rps / ten.rps, '×', 4, `${(share * 100).toFixed(1)} % of health (${Math.round(ten.rps)} of ${Math.round(health.rps)} req/s)`)
    await measure(section, name, port, 50, request, search ? 20 : undefined, undefined)
  }
}
