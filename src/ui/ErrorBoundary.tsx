import { Component, type ReactNode } from "react";

interface State {
  error: Error | null;
}

/** A rendering bug must not leave a blank page: say what broke and offer a way back. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="fatal">
        <h1>Something in the page broke</h1>
        <p role="alert">{error.message}</p>
        <p>The threads were stopped with it. Reloading starts a fresh lab with the same link.</p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload the lab
        </button>
      </main>
    );
  }
}
