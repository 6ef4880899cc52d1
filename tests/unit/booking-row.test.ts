/** newBookingRow: a booking as first written, with only the columns that vary given. */
import { newBookingRow } from '../../cloud/db/repositories/bookings'

const given = {
  id: 'b1',
  service: 'counselling',
  provider_id: 'p1',
  station_id: 's1',
  person_id: 'u1',
  starts_at: '2026-12-01T01:00:00.000Z',
  ends_at: '2026-12-01T01:50:00.000Z',
  mode: 'in_person',
  status: 'booked',
  created_at: '2026-11-20T02:00:00.000Z'
}

test('leaves everything the booking has not lived through empty, priority 0, and updated when created', () => {
  expect(newBookingRow(given)).toEqual({
    ...given,
    pseudonym: null,
    priority: 0,
    hold_expires_at: null,
    waitlist_id: null,
    cancelled_at: null,
    cancelled_by: null,
    cancel_reason: null,
    attendance_at: null,
    reminded_at: null,
    shared_screening_id: null,
    place_code: null,
    updated_at: given.created_at
  })
})

test('takes the optional columns it is given', () => {
  const row = newBookingRow({ ...given, status: 'held', pseudonym: '小陈', priority: 1, hold_expires_at: '2026-11-21T02:00:00.000Z', waitlist_id: 'w1', place_code: '440101', updated_at: '2026-11-20T03:00:00.000Z' })
  expect(row).toMatchObject({ status: 'held', pseudonym: '小陈', priority: 1, hold_expires_at: '2026-11-21T02:00:00.000Z', waitlist_id: 'w1', place_code: '440101', updated_at: '2026-11-20T03:00:00.000Z' })
})
