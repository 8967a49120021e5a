import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { ACTIVITY_ICONS, errorIcon } from '../shared/icons.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import type { ComposerController } from './composer-controller.js';
import { BODY_MAX, fieldsOf, SUBJECT_MAX, type DraftField } from './draft.js';
import { ACTIVITY_TYPES, CALL_OUTCOMES } from './target.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.log);

/** The form that logs a call, email, meeting or note, or schedules a task. */
export function renderComposer(t: Localizer, composer: ComposerController) {
  const { draft, fieldErrors: errors } = composer;
  const fields = fieldsOf(draft.type);
  const onInput = composer.onInput;
  const directionLabel = (way: 'outbound' | 'inbound') =>
    t.t(`log.direction.${draft.type === 'email' ? 'email' : 'call'}.${way}`);
  return html`
    <form
      part="composer"
      class="composer"
      novalidate
      aria-label=${t.t('log.form.label')}
      aria-busy=${composer.submitting ? 'true' : 'false'}
      @submit=${composer.onSubmit}
      @focusin=${composer.onFocus}
      @focusout=${composer.onBlur}
    >
      <fieldset part="composer-types" class="types">
        <legend class="visually-hidden">${t.t('log.form.type')}</legend>
        ${ACTIVITY_TYPES.map((type) => {
          const label = t.t(type === 'task' ? 'log.form.typeTask' : `log.type.${type}`);
          return html`<label part="type-option" class="type-option" data-type=${type}>
            <input
              type="radio"
              name="type"
              value=${type}
              .checked=${live(draft.type === type)}
              @change=${composer.onTypeChange}
            />
            ${ACTIVITY_ICONS[type]('type-icon')}<span class="type-label" data-text=${label}>${label}</span>
          </label>`;
        })}
      </fieldset>
      ${field(
        'subject',
        t.t('log.form.subject'),
        errors.subject,
        (describedBy) => html`
          <input
            part="input"
            class="control"
            id="subject"
            name="subject"
            autocomplete="off"
            maxlength=${SUBJECT_MAX}
            required
            aria-required="true"
            placeholder=${t.t(`log.form.placeholder.${draft.type}`)}
            aria-invalid=${errors.subject ? 'true' : 'false'}
            aria-describedby=${describedBy}
            .value=${live(draft.subject)}
            @input=${onInput}
          />
        `,
      )}
      <div class="more" ?hidden=${!composer.open}>
        ${field(
          'body',
          t.t('log.form.body'),
          errors.body,
          (describedBy) => html`
            <textarea
              part="input"
              class="control"
              id="body"
              name="body"
              rows="2"
              maxlength=${BODY_MAX}
              aria-invalid=${errors.body ? 'true' : 'false'}
              aria-describedby=${describedBy}
              .value=${live(draft.body)}
              @input=${onInput}
            ></textarea>
          `,
        )}
        <div class="details">
          ${
            fields.has('direction')
              ? field(
                  'direction',
                  t.t('log.form.direction'),
                  errors.direction,
                  (describedBy) => html`
                    <select
                      part="input"
                      class="control"
                      id="direction"
                      name="direction"
                      aria-describedby=${describedBy}
                      .value=${live(draft.direction)}
                      @change=${onInput}
                    >
                      <option value="outbound" ?selected=${draft.direction === 'outbound'}>
                        ${directionLabel('outbound')}
                      </option>
                      <option value="inbound" ?selected=${draft.direction === 'inbound'}>
                        ${directionLabel('inbound')}
                      </option>
                    </select>
                  `,
                )
              : nothing
          }
          ${
            fields.has('duration')
              ? field(
                  'duration',
                  t.t('log.form.duration'),
                  errors.duration,
                  (describedBy) => html`
                    <input
                      part="input"
                      class="control"
                      id="duration"
                      name="duration"
                      type="number"
                      inputmode="numeric"
                      min="0"
                      max="1440"
                      step="1"
                      aria-invalid=${errors.duration ? 'true' : 'false'}
                      aria-describedby=${describedBy}
                      .value=${live(draft.duration)}
                      @input=${onInput}
                    />
                  `,
                )
              : nothing
          }
          ${
            fields.has('outcome')
              ? field('outcome', t.t('log.form.outcome'), errors.outcome, (describedBy) =>
                  draft.type === 'call'
                    ? html`<select
                        part="input"
                        class="control"
                        id="outcome"
                        name="outcome"
                        aria-describedby=${describedBy}
                        .value=${live(draft.outcome)}
                        @change=${onInput}
                      >
                        <option value="" ?selected=${!draft.outcome}>${t.t('log.form.outcomeNone')}</option>
                        ${CALL_OUTCOMES.map(
                          (outcome) =>
                            html`<option value=${outcome} ?selected=${draft.outcome === outcome}>
                              ${t.t(`log.outcome.${outcome}`)}
                            </option>`,
                        )}
                      </select>`
                    : html`<input
                        part="input"
                        class="control"
                        id="outcome"
                        name="outcome"
                        autocomplete="off"
                        maxlength="200"
                        aria-invalid=${errors.outcome ? 'true' : 'false'}
                        aria-describedby=${describedBy}
                        .value=${live(draft.outcome)}
                        @input=${onInput}
                      />`,
                )
              : nothing
          }
          ${
            fields.has('when')
              ? field(
                  'when',
                  t.t('log.form.when'),
                  errors.when,
                  (describedBy) => dateInput('when', draft.when, errors.when, describedBy, onInput, false),
                  t.t('log.form.whenHint'),
                )
              : nothing
          }
          ${
            fields.has('due')
              ? field('due', t.t('log.form.due'), errors.due, (describedBy) =>
                  dateInput('due', draft.due, errors.due, describedBy, onInput, true),
                )
              : nothing
          }
        </div>
      </div>
      <div class="form-footer">
        <div part="form-error" class="form-error" role="alert" id="form-error">
          ${composer.formError ? html`${errorIcon()}<span>${composer.formError}</span>` : nothing}
        </div>
        <button part="submit-button" class="button primary" type="submit" ?disabled=${composer.submitting}>
          ${composer.submitting ? t.t('log.saving') : t.t(`log.form.submit.${draft.type}`)}
        </button>
      </div>
    </form>
  `;
}

function dateInput(
  name: 'when' | 'due',
  value: string,
  error: string | undefined,
  describedBy: string,
  onInput: (event: Event) => void,
  required: boolean,
) {
  return html`
    <input
      part="input"
      class="control"
      id=${name}
      name=${name}
      type="datetime-local"
      ?required=${required}
      aria-required=${required ? 'true' : nothing}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${describedBy}
      .value=${live(value)}
      @input=${onInput}
    />
  `;
}

/** A labelled field with its hint and its error, which the control refers to. */
function field(
  name: DraftField,
  label: string,
  error: string | undefined,
  control: (describedBy: string) => TemplateResult,
  hint?: string,
) {
  const describedBy = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
  return html`<div part="field" class="field" data-field=${name}>
    <label part="label" for=${name}
      >${label}${hint ? html` <span class="hint" id="${name}-hint">${hint}</span>` : nothing}</label
    >
    ${control(describedBy)}
    ${
      error
        ? html`<p part="field-error" class="field-error" id="${name}-error">${errorIcon()}<span>${error}</span></p>`
        : nothing
    }
  </div>`;
}
