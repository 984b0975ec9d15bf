import { useId } from 'react';
import { describedBy, FieldMessage } from './access-fields';

export type StepDecision = 'APPROVE' | 'REJECT';

export interface DecisionWords {
  comment: string;
  hint: string;
  approve: string;
  reject: string;
  deciding: string;
}

/**
 * The approve-or-reject form of an application step, shared by the city's own steps and the bureau's:
 * a comment (a rejection needs one; the caller says so beside the field), the form's error, two buttons.
 * The caller owns the state and the comment field's id (to move the focus to it).
 */
export function ApproveRejectForm(props: {
  commentId: string;
  comment: string;
  onCommentChange(value: string): void;
  fieldError: string | null;
  formError: string | null;
  busy: boolean;
  onDecide(decision: StepDecision): void;
  words: DecisionWords;
}) {
  const hintId = useId();
  const errorId = useId();
  const { words } = props;
  return (
    <form className="access-form" noValidate onSubmit={(event) => event.preventDefault()}>
      <div className="field">
        <label htmlFor={props.commentId}>{words.comment}</label>
        <textarea
          id={props.commentId}
          value={props.comment}
          maxLength={2000}
          aria-invalid={props.fieldError ? true : undefined}
          aria-describedby={describedBy(hintId, errorId)}
          onChange={(event) => props.onCommentChange(event.target.value)}
        />
        <p id={hintId} className="field-hint">
          {words.hint}
        </p>
        <FieldMessage id={errorId}>{props.fieldError}</FieldMessage>
      </div>
      <p className="form-error" role="alert">
        {props.formError}
      </p>
      <div className="decision-actions">
        <button type="button" className="button button-primary" disabled={props.busy} onClick={() => props.onDecide('APPROVE')}>
          {props.busy ? words.deciding : words.approve}
        </button>
        <button type="button" className="button button-danger" disabled={props.busy} onClick={() => props.onDecide('REJECT')}>
          {words.reject}
        </button>
      </div>
    </form>
  );
}
