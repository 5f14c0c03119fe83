import { errorTitle, toBackendError } from "../api/errors";
import { Icon } from "./Icon";

/** A failed call, told to the user: what happened, what to do, and the code for support. */
export function ErrorMessage({
  error,
  onRetry,
  action,
}: {
  error: unknown;
  onRetry?: () => void;
  action?: React.ReactNode;
}) {
  const { code, message } = toBackendError(error);
  return (
    <div className="callout callout--error" role="alert">
      <Icon name="alert" className="callout-icon" />
      <div className="callout-body">
        <p className="callout-title">{errorTitle(code)}</p>
        <p>{message}</p>
        <p className="error-code">
          Error code: <code>{code}</code>
        </p>
        {(onRetry || action) && (
          <div className="callout-actions">
            {onRetry && (
              <button type="button" className="button" onClick={onRetry}>
                Try again
              </button>
            )}
            {action}
          </div>
        )}
      </div>
    </div>
  );
}
