// Test-only preload (node --import) for the e2e harness: the server process's clock runs
// DK_E2E_SHIFT_DAYS days ahead, so a spec can let a waiting period pass (a destruction batch's
// seven days) against the same vault without any clock setting in the product itself. Like
// libfaketime: every `new Date()` and `Date.now()` of the process is shifted, nothing else.
const days = Number(process.env.DK_E2E_SHIFT_DAYS);
if (!Number.isInteger(days) || days < 1 || days > 366) throw new Error('DK_E2E_SHIFT_DAYS: a whole number of days, 1–366');
const offset = days * 86_400_000;
const RealDate = Date;

class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...args);
  }

  static now() {
    return RealDate.now() + offset;
  }
}

globalThis.Date = ShiftedDate;
