/** The base-library floor and the weapp's choice of location API, as pure decisions. */
jest.mock('@tarojs/taro', () => ({}), { virtual: true })
import { baseLibraryTooOld, compareVersions } from '../../src/platform/base-library'
import { locateOnWeapp } from '../../src/platform/location'

describe('base library', () => {
  test('compares versions numerically, not as text', () => {
    expect(compareVersions('2.32.3', '2.32.3')).toBe(0)
    expect(compareVersions('2.9.9', '2.32.3')).toBeLessThan(0)
    expect(compareVersions('2.100.0', '2.32.3')).toBeGreaterThan(0)
    expect(compareVersions('3', '2.32.3')).toBeGreaterThan(0)
    expect(compareVersions('2.32', '2.32.3')).toBeLessThan(0)
  })
  test('older than 2.32.3 is too old; unknown is not', () => {
    expect(baseLibraryTooOld('2.32.2')).toBe(true)
    expect(baseLibraryTooOld('2.25.0')).toBe(true)
    expect(baseLibraryTooOld('2.32.3')).toBe(false)
    expect(baseLibraryTooOld('3.7.0')).toBe(false)
    expect(baseLibraryTooOld(undefined)).toBe(false)
    expect(baseLibraryTooOld('')).toBe(false)
  })
})

describe('nearest first on weapp', () => {
  const point = { latitude: 23.02, longitude: 113.75 }
  test('asks for the rough location and not the map when it is given', async () => {
    const chooseLocation = jest.fn()
    expect(await locateOnWeapp({ getFuzzyLocation: jest.fn().mockResolvedValue(point), chooseLocation })).toEqual({ lat: 23.02, lng: 113.75 })
    expect(chooseLocation).not.toHaveBeenCalled()
  })
  test('a refusal is final: no map afterwards', async () => {
    const chooseLocation = jest.fn()
    const getFuzzyLocation = jest.fn().mockRejectedValue({ errMsg: 'getFuzzyLocation:fail auth deny' })
    expect(await locateOnWeapp({ getFuzzyLocation, chooseLocation })).toBeNull()
    expect(chooseLocation).not.toHaveBeenCalled()
  })
  test('falls back to a place marked on the map when the rough location fails or is missing', async () => {
    const chooseLocation = jest.fn().mockResolvedValue({ latitude: 22.5, longitude: 114.1 })
    const getFuzzyLocation = jest.fn().mockRejectedValue({ errMsg: 'getFuzzyLocation:fail system error' })
    expect(await locateOnWeapp({ getFuzzyLocation, chooseLocation })).toEqual({ lat: 22.5, lng: 114.1 })
    expect(await locateOnWeapp({ chooseLocation })).toEqual({ lat: 22.5, lng: 114.1 })
    chooseLocation.mockRejectedValue({ errMsg: 'chooseLocation:fail cancel' })
    expect(await locateOnWeapp({ chooseLocation })).toBeNull()
  })
})
