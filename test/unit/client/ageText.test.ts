import * as assert from 'node:assert/strict';
import { ageText } from '../../../client/ageText';

describe('ageText', () => {
  const now = new Date('2026-12-02T12:00:00.000Z');
  it('says how old a snapshot is in minutes, hours, then days', () => {
    assert.equal(ageText('2026-12-02T11:59:30.000Z', now), 'just now');
    assert.equal(ageText('2026-12-02T11:48:00.000Z', now), '12 min');
    assert.equal(ageText('2026-12-02T09:00:00.000Z', now), '3 h');
    assert.equal(ageText('2026-11-30T13:00:00.000Z', now), '47 h');
    assert.equal(ageText('2026-11-29T12:00:00.000Z', now), '3 days');
  });

  it('calls a time ahead of the clock "just now" and an unreadable one nothing', () => {
    assert.equal(ageText('2026-12-02T12:05:00.000Z', now), 'just now');
    assert.equal(ageText('yesterday', now), undefined);
  });
});
