// Times shown to citizens: the hall's clock and waits in minutes (kiosk and phone page).

const WEEKDAY_INDEX = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** Return "<weekday>, dd/mm/yyyy – HH:MM" in the hall's time zone, whatever the device's. */
export function hallClock(now, timeZone, weekdays) {
  const format = new Intl.DateTimeFormat("en-GB", {
    timeZone: timeZone || "Asia/Ho_Chi_Minh",
    weekday: "short", day: "2-digit", month: "2-digit", year: "numeric",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  });
  const t = Object.fromEntries(format.formatToParts(now).map((p) => [p.type, p.value]));
  return `${weekdays[WEEKDAY_INDEX[t.weekday]]}, ${t.day}/${t.month}/${t.year} – ${t.hour}:${t.minute}`;
}

/** Return a wait such as "15 phút" or "1 giờ 20 phút"; translate(key, fields) gives words. */
export function waitText(seconds, translate) {
  const total = Math.max(1, Math.round(seconds / 60));
  if (total < 60) return translate("minutes", { n: total });
  return translate("hours", { h: Math.floor(total / 60), m: total % 60 });
}
