import { boxAround, haversineMetres, nearestFirst } from '../../cloud/domain/counselling/geo'
import { canSeeStationBookings, isCounsellor, mayServeAt } from '../../cloud/domain/counselling/policy'
import { buildDemoCounsellors, buildStations, CITIES, LIN_HOURS, STATION_SCHEDULES, stationSchedule, villageShortName } from '../../cloud/seed/counselling'
import { DEMO_TOWNSHIP } from '../../cloud/seed/demo'
import { withinOpening } from '../../cloud/domain/booking/calendar'
import { atLocal, COUNSELLING_RULES, generateSlots, localDay } from '../../cloud/domain/booking/slots'
import { readRegionFile } from '../../cloud/seed/regions'

describe('distances', () => {
  test('Guangzhou to Shenzhen city centres is about 104 km; a point to itself is 0', () => {
    const gz = { lat: 23.129, lng: 113.264 }
    const sz = { lat: 22.543, lng: 114.058 }
    expect(haversineMetres(gz, sz)).toBeGreaterThan(100_000)
    expect(haversineMetres(gz, sz)).toBeLessThan(108_000)
    expect(haversineMetres(gz, gz)).toBe(0)
  })

  test('the box around a point contains every point within that distance', () => {
    const p = { lat: 23.1, lng: 114.4 }
    const box = boxAround(p, 10_000)
    for (const bearing of [0, 45, 90, 135, 180, 225, 270, 315]) {
      const rad = (bearing * Math.PI) / 180
      const q = { lat: p.lat + (9_990 / 111_320) * Math.cos(rad), lng: p.lng + (9_990 / (111_320 * Math.cos((p.lat * Math.PI) / 180))) * Math.sin(rad) }
      expect(haversineMetres(p, q)).toBeLessThan(10_100)
      expect(q.lat >= box.minLat && q.lat <= box.maxLat && q.lng >= box.minLng && q.lng <= box.maxLng).toBe(true)
    }
  })

  test('nearest first, those without a location last', () => {
    const from = { lat: 23, lng: 113 }
    const ranked = nearestFirst(
      [
        { id: 'far', location: { lat: 24, lng: 113 } },
        { id: 'none', location: null },
        { id: 'near', location: { lat: 23.01, lng: 113 } }
      ],
      from
    )
    expect(ranked.map((r) => r.id)).toEqual(['near', 'far', 'none'])
    expect(ranked[0].distance).toBe(1112)
    expect(ranked[2].distance).toBeNull()
  })
})

describe('who sees what', () => {
  test('station bookings: centre staff of exactly that township', () => {
    expect(canSeeStationBookings([{ role: 'centre_staff', regionCode: '441302001' }], '441302001')).toBe(true)
    expect(canSeeStationBookings([{ role: 'centre_staff', regionCode: '441302' }], '441302001')).toBe(false)
    expect(canSeeStationBookings([{ role: 'counsellor', regionCode: '441302001' }], '441302001')).toBe(false)
    expect(canSeeStationBookings([{ role: 'admin', regionCode: '44' }], '441302001')).toBe(false)
  })

  test('a counsellor serves at stations within their grant', () => {
    const grants = [{ role: 'counsellor' as const, regionCode: '4413' }]
    expect(isCounsellor(grants)).toBe(true)
    expect(mayServeAt(grants, '441302002')).toBe(true)
    expect(mayServeAt(grants, '440106001')).toBe(false)
    expect(mayServeAt([{ role: 'resident', regionCode: null }], '441302002')).toBe(false)
  })
})

describe('stations from the region table', () => {
  const regions = readRegionFile()
  const stations = buildStations(regions)

  test('one station for each of the 1,757 townships, a room in a share of villages, 东平村 among them', () => {
    expect(stations.filter((s) => s.kind === 'station')).toHaveLength(1757)
    const rooms = stations.filter((s) => s.kind === 'room')
    expect(rooms.length).toBeGreaterThan(2500)
    expect(rooms.length).toBeLessThan(4500)
    expect(rooms.find((r) => r.region_code === '441302001200')).toMatchObject({ name: '东平村心理服务室', township_code: '441302001' })
    expect(rooms.some((r) => r.name.includes('虚拟'))).toBe(false)
  })

  test('the same every time, with plausible places, phones and languages', () => {
    expect(buildStations(regions)).toEqual(stations)
    const implausible = stations.filter((s) => {
      const city = CITIES[s.city_code]
      return Math.abs(s.lat! - city.lat) > 1 || Math.abs(s.lng! - city.lng) > 1.2 || !s.phone.startsWith(`${city.areaCode}-`) || JSON.parse(s.languages)[0] !== 'mandarin'
    })
    expect(implausible).toEqual([])
    // 梅州 speaks Hakka, 潮州 Teochew.
    expect(JSON.parse(stations.find((s) => s.id === 'st441402004')!.languages)).toEqual(['mandarin', 'hakka'])
    expect(JSON.parse(stations.find((s) => s.city_code === '4451')!.languages)).toEqual(['mandarin', 'teochew'])
  })

  test('village names lose their committee suffix', () => {
    expect(villageShortName('东平村民委员会')).toBe('东平村')
    expect(villageShortName('翠洲社区居民委员会')).toBe('翠洲社区')
    expect(villageShortName('鹤洞社区居委会')).toBe('鹤洞社区')
    expect(villageShortName('大沙村委会')).toBe('大沙村')
  })

  test('1 to 3 demo counsellors per township station, with hours that make slots', () => {
    const counsellors = buildDemoCounsellors(stations, '2026-11-30T00:00:00.000Z')
    const perStation = new Map<string, number>()
    for (const c of counsellors) perStation.set(c.station_id, (perStation.get(c.station_id) ?? 0) + 1)
    expect(perStation.size).toBe(1757)
    expect(Math.min(...perStation.values())).toBe(1)
    expect(Math.max(...perStation.values())).toBe(3)
    expect(counsellors.every((c) => JSON.parse(c.hours).length > 0 && JSON.parse(c.modes)[0] === 'in_person')).toBe(true)
  })

  test('a counsellor works only when the station says it is open: a 周二至周六 station offers no Monday', () => {
    const counsellors = buildDemoCounsellors(stations, '2026-11-30T00:00:00.000Z')
    const byId = new Map(stations.map((s) => [s.id, s]))
    const outside = counsellors.filter((c) => {
      const station = byId.get(c.station_id)!
      const schedule = STATION_SCHEDULES.find((x) => x.text === station.hours)!
      const hours = JSON.parse(c.hours)
      return JSON.stringify(withinOpening(hours, schedule.hours)) !== JSON.stringify(withinOpening(hours, hours))
    })
    expect(outside).toEqual([])
    const tueToSat = stations.filter((s) => s.kind === 'station' && s.hours.startsWith('周二至周六')).map((s) => s.id)
    expect(tueToSat.length).toBeGreaterThan(100)
    const mondays = counsellors
      .filter((c) => tueToSat.includes(c.station_id))
      .flatMap((c) => generateSlots(JSON.parse(c.hours), atLocal('2026-11-30', '00:00'), COUNSELLING_RULES))
      .filter((slot) => localDay(slot.start).weekday === 1)
    expect(mondays).toEqual([])
  })

  test('the demo station 桥东街道 is open whenever counsellor-lin works', () => {
    expect(stations.find((s) => s.id === `st${DEMO_TOWNSHIP}`)!.hours).toBe(stationSchedule(DEMO_TOWNSHIP).text)
    expect(withinOpening(LIN_HOURS, stationSchedule(DEMO_TOWNSHIP).hours)).toEqual(withinOpening(LIN_HOURS, LIN_HOURS))
  })
})
