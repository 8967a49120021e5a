import { expect } from '@open-wc/testing';
import {
  dayHeading,
  dayKey,
  daysFrom,
  duration,
  entryTime,
  fromLocalInput,
  relativeTime,
  toLocalInput,
} from './time.js';

// Local times, as the log groups and words them in the browser's time zone.
const NOW = new Date(2026, 2, 4, 12, 0);
const at = (days: number, hours = 12, minutes = 0) => new Date(2026, 2, 4 + days, hours, minutes);

describe('activity log times', () => {
  it('groups by local calendar day', () => {
    expect(dayKey(at(0, 0, 5))).to.equal('2026-03-04');
    expect(dayKey(at(0, 23, 59))).to.equal('2026-03-04');
    expect(daysFrom(at(-1, 23, 59), NOW)).to.equal(-1);
    expect(daysFrom(at(1, 0, 1), NOW)).to.equal(1);
    expect(daysFrom(new Date(2025, 11, 31), NOW)).to.equal(-63);
  });

  it('heads days with today, yesterday and tomorrow in words, other days with their date', () => {
    expect(dayHeading('en', at(0), NOW)).to.deep.equal({ label: 'Today', date: 'Wednesday, March 4' });
    expect(dayHeading('en', at(-1), NOW).label).to.equal('Yesterday');
    expect(dayHeading('en', at(1), NOW).label).to.equal('Tomorrow');
    expect(dayHeading('en', at(-6), NOW)).to.deep.equal({ label: 'Thursday, February 26' });
    expect(dayHeading('en', new Date(2025, 11, 31), NOW)).to.deep.equal({ label: 'Wednesday, December 31, 2025' });
    expect(dayHeading('zh-Hant', at(0), NOW)).to.deep.equal({ label: '今天', date: '3月4日星期三' });
    expect(dayHeading('zh-Hant', at(-1), NOW).label).to.equal('昨天');
    expect(dayHeading('zh-Hans', at(1), NOW).label).to.equal('明天');
    expect(dayHeading('zh-Hans', at(-6), NOW).label).to.equal('2月26日星期四');
  });

  it('says how long ago or ahead, in each locale', () => {
    const cases: [Date, string, string, string][] = [
      [new Date(NOW.getTime() - 30_000), 'now', '現在', '现在'],
      [at(0, 11, 55), '5 minutes ago', '5 分鐘前', '5分钟前'],
      [at(0, 15), 'in 3 hours', '3 小時後', '3小时后'],
      [at(-1, 9), 'yesterday', '昨天', '昨天'],
      // Another calendar day is named as a day, even when it is under a day away.
      [at(1, 9), 'tomorrow', '明天', '明天'],
      [at(-1, 20), 'yesterday', '昨天', '昨天'],
      [at(0, 23, 30), 'in 12 hours', '12 小時後', '12小时后'],
      [at(2, 9), 'in 2 days', '後天', '后天'],
      [at(-14), '2 weeks ago', '2 週前', '2周前'],
    ];
    for (const [value, en, hant, hans] of cases) {
      expect(relativeTime('en', value, NOW)).to.equal(en);
      expect(relativeTime('zh-Hant', value, NOW)).to.equal(hant);
      expect(relativeTime('zh-Hans', value, NOW)).to.equal(hans);
    }
  });

  it('counts the last and next few hours in hours across midnight', () => {
    const late = new Date(2026, 2, 4, 22, 0);
    expect(relativeTime('en', at(1, 1), late)).to.equal('in 3 hours');
    expect(relativeTime('en', at(1, 9), late)).to.equal('tomorrow');
    expect(relativeTime('zh-Hant', at(0, 20), new Date(2026, 2, 5, 1, 0))).to.equal('5 小時前');
  });

  it('shows recent entries relative and older ones at their time of day', () => {
    expect(entryTime('en', at(0, 9), NOW)).to.equal('3 hours ago');
    expect(entryTime('en', at(-1, 9, 30), NOW)).to.equal('9:30 AM');
    expect(entryTime('zh-Hant', at(-1, 9, 30), NOW)).to.equal('上午9:30');
  });

  it('writes durations in short units', () => {
    expect(duration('en', 300)).to.equal('5 min');
    expect(duration('en', 3600)).to.equal('1 hr');
    expect(duration('en', 5400)).to.equal('1 hr 30 min');
    expect(duration('zh-Hans', 900)).to.equal('15分钟');
  });

  it('reads and writes datetime-local values in local time', () => {
    expect(toLocalInput(at(0, 9, 5))).to.equal('2026-03-04T09:05');
    expect(fromLocalInput('2026-03-04T09:05')!.getTime()).to.equal(at(0, 9, 5).getTime());
    expect(fromLocalInput('')).to.equal(undefined);
    expect(fromLocalInput('2026-02-31T09:00')!.getMonth()).to.equal(2);
    expect(fromLocalInput('tomorrow')).to.equal(undefined);
  });
});
