import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { AppState } from '../../shared/app-state.ts';
import { DAILY_REQUEST_BUDGET_MAX, DAILY_REQUEST_BUDGET_MIN } from '../../shared/request-budget.ts';
import type { SettingsPatch } from '../../shared/settings.ts';
import { useWallClock } from '../context.ts';
import { requestLines } from '../request-figures.ts';
import { checkDailyBudget } from '../validation.ts';

const FIELD_ID = 'setting-dailyRequestBudget';

/**
 * "Requests to Spotify": what Traytune sent in the last hour and the last 24 hours against the daily
 * budget, when the player reads next, and the budget itself. The figures come with the app state.
 */
export function RequestsSection({
  app,
  budget,
  disabled,
  save,
}: {
  app: AppState;
  /** The saved budget, or null while the settings load. */
  budget: number | null;
  disabled: boolean;
  save: (patch: SettingsPatch) => Promise<boolean>;
}): JSX.Element {
  const now = useWallClock();
  const lines = requestLines(app.requests, app.account, now);
  return (
    <div class="requests" data-testid="requests">
      <dl class="request-figures">
        <div>
          <dt>Last hour</dt>
          <dd data-testid="requests-last-hour">{lines.lastHour}</dd>
        </div>
        <div>
          <dt id="requests-today-label">Last 24 hours</dt>
          <dd data-testid="requests-today">{lines.today}</dd>
        </div>
        <div>
          <dt>Next read</dt>
          <dd data-testid="requests-next-read">{lines.nextRead}</dd>
        </div>
      </dl>
      <meter
        class={lines.overBudget ? 'request-meter over' : 'request-meter'}
        aria-labelledby="requests-today-label"
        aria-valuetext={`${lines.today} requests`}
        min={0}
        max={1}
        low={0.5}
        high={0.9}
        optimum={0}
        value={lines.share}
      />
      <p class="field-note" data-testid="requests-note">
        {lines.overBudget
          ? 'Over the daily budget: the player reads less often until older requests leave the last 24 hours.'
          : 'Counted over the last 24 hours, not the calendar day. Spotify stops development-mode apps at about 1,400 a day.'}
      </p>
      <BudgetField budget={budget} disabled={disabled} save={save} />
    </div>
  );
}

/** The daily budget: checked as typed, saved on Enter or when the field is left (if valid). */
function BudgetField({
  budget,
  disabled,
  save,
}: {
  budget: number | null;
  disabled: boolean;
  save: (patch: SettingsPatch) => Promise<boolean>;
}): JSX.Element {
  const [draft, setDraft] = useState(budget === null ? '' : String(budget));
  const [touched, setTouched] = useState(false);
  // A change from elsewhere (another window, the file) replaces what is shown unless the user is typing.
  useEffect(() => {
    if (!touched) setDraft(budget === null ? '' : String(budget));
  }, [budget, touched]);
  const check = checkDailyBudget(draft);
  const invalid = touched && !check.valid;

  // The browser reports a committed value (Enter, or leaving the field) as `change`.
  const commit = (): void => {
    if (!touched || !check.valid || check.value === null) return;
    setTouched(false);
    if (check.value === budget) return;
    void save({ dailyRequestBudget: check.value }).then((saved) => {
      if (!saved) setTouched(true); // keep the typed value, with the page's error, to correct it
    });
  };

  return (
    <div class="budget-field">
      <label for={FIELD_ID}>Daily request budget</label>
      <input
        id={FIELD_ID}
        type="number"
        inputMode="numeric"
        min={DAILY_REQUEST_BUDGET_MIN}
        max={DAILY_REQUEST_BUDGET_MAX}
        step={50}
        value={draft}
        disabled={disabled}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={`${FIELD_ID}-note`}
        onInput={(e) => {
          setTouched(true);
          setDraft(e.currentTarget.value);
        }}
        onChange={commit}
      />
      <p id={`${FIELD_ID}-note`} class={`field-note ${invalid ? 'invalid' : ''}`} aria-live="polite">
        {invalid ? check.message : 'Requests a day the player keeps to; it reads less often as they run out.'}
      </p>
    </div>
  );
}
