/**
 * `str(datetime.fromtimestamp(t))` as Python prints it: local time, `YYYY-MM-DD HH:MM:SS`, with
 * `.ffffff` microseconds only when they are not zero (dllogger's `datetime` field).
 */
export function pythonDatetimeStr(epochMicros: number): string {
  const micros = ((epochMicros % 1_000_000) + 1_000_000) % 1_000_000;
  const date = new Date((epochMicros - micros) / 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const text =
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return micros === 0 ? text : `${text}.${pad(micros, 6)}`;
}
