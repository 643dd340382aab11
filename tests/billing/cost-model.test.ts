import { describe, expect, it } from "vitest";
import { DEFAULT_COST_MODEL, estimateCredits } from "@/lib/billing/cost-model";
import { overBudgetMessage, resetDay } from "@/lib/billing/month";
import { type SpendView, spendLine } from "@/lib/billing/spend-view";
import { ConfigError, parseEnv } from "@/lib/env";

// The cost estimate: credits per video-second by motion type, × duration × loop × quantity,
// with the operator's override validated at start-up.

const one = { quantity: 1, duration: 1, loop: 1 };

describe("estimateCredits", () => {
  it("charges per second of video, times quantity and loop, by motion type", () => {
    expect(estimateCredits({ ...one, motionType: "Parallax" })).toBe(DEFAULT_COST_MODEL.Parallax);
    expect(estimateCredits({ motionType: "Auto", quantity: 2, duration: 5, loop: 1 })).toBe(2 * 5 * 2);
    expect(estimateCredits({ motionType: "Auto", quantity: 4, duration: 10, loop: 6 })).toBe(2 * 4 * 10 * 6);
    expect(estimateCredits({ ...one, motionType: "Veo" })).toBeGreaterThan(
      estimateCredits({ ...one, motionType: "Auto" }),
    );
  });

  it("rounds up to whole credits, without float noise", () => {
    const model = { ...DEFAULT_COST_MODEL, Parallax: 0.1 };
    expect(estimateCredits({ motionType: "Parallax", quantity: 3, duration: 10, loop: 1 }, model)).toBe(3);
    expect(estimateCredits({ motionType: "Parallax", quantity: 1, duration: 1, loop: 1 }, model)).toBe(1);
  });

  it("prices an unknown motion type at the dearest rate, never free", () => {
    expect(estimateCredits({ ...one, motionType: "Mystery" })).toBe(Math.max(...Object.values(DEFAULT_COST_MODEL)));
  });
});

describe("COST_MODEL and TEAM_MONTHLY_CREDITS", () => {
  it("default to the built-in model and no budget", () => {
    const e = parseEnv({});
    expect(e.COST_MODEL).toEqual(DEFAULT_COST_MODEL);
    expect(e.TEAM_MONTHLY_CREDITS).toBeUndefined();
  });

  it("merge an override over the defaults and read the budget", () => {
    const e = parseEnv({ COST_MODEL: '{"Veo": 12, "Parallax": 0.5}', TEAM_MONTHLY_CREDITS: "500" });
    expect(e.COST_MODEL).toMatchObject({ Veo: 12, Parallax: 0.5, Auto: DEFAULT_COST_MODEL.Auto });
    expect(e.TEAM_MONTHLY_CREDITS).toBe(500);
  });

  it.each([
    ["{not json", /COST_MODEL must be JSON/],
    ['{"Sora": 3}', /COST_MODEL.*motion types/],
    ['{"Veo": -1}', /COST_MODEL.*0 or more/],
    ['{"Veo": "8"}', /COST_MODEL.*numbers/],
  ])("refuse a bad COST_MODEL %s with its reason", (value, message) => {
    expect(() => parseEnv({ COST_MODEL: value })).toThrow(ConfigError);
    expect(() => parseEnv({ COST_MODEL: value })).toThrow(message);
  });

  it.each(["-5", "1.5", "lots"])("refuse TEAM_MONTHLY_CREDITS=%s", (value) => {
    expect(() => parseEnv({ TEAM_MONTHLY_CREDITS: value })).toThrow(/TEAM_MONTHLY_CREDITS must be a whole number/);
  });
});

describe("the refusal", () => {
  it("says what is left, when it resets (UTC) and what is needed", () => {
    const resets = new Date(Date.UTC(2026, 0, 1));
    expect(resetDay(resets)).toBe("1 Jan");
    expect(overBudgetMessage("team", 3, resets, 6)).toBe(
      "This team has 3 credits left this month (resets 1 Jan). This video needs ≈ 6.",
    );
    expect(overBudgetMessage("member", -2, resets, 1)).toBe(
      "You have 0 credits left of your monthly allowance this month (resets 1 Jan). This video needs ≈ 1.",
    );
  });
});

describe("spendLine (the Create summary and the paid dialogs)", () => {
  const view = (left: number | null, extra: Partial<SpendView> = {}): SpendView => ({
    model: DEFAULT_COST_MODEL,
    left,
    limitedBy: left === null ? null : "team",
    resetsAt: new Date(Date.UTC(2026, 11, 1)).toISOString(),
    suspended: false,
    ...extra,
  });
  const auto = { motionType: "Auto", quantity: 1, duration: 3, loop: 1 };

  it("shows ≈ N credits and what is left, and no refusal when it fits", () => {
    expect(spendLine(view(10), auto)).toEqual({ credits: 6, line: "≈ 6 credits · 10 left this month", refusal: null });
    expect(spendLine(view(null), auto).line).toBe("≈ 6 credits");
  });

  it("says before sending when it does not fit, in the server's words", () => {
    expect(spendLine(view(3), auto).refusal).toBe(
      "This team has 3 credits left this month (resets 1 Dec). This video needs ≈ 6.",
    );
    expect(spendLine(view(3, { limitedBy: "member" }), auto).refusal).toMatch(/^You have 3 credits left of your/);
    expect(spendLine(view(null, { suspended: true }), auto).refusal).toMatch(/suspended/);
  });
});
