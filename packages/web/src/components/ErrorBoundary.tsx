import { Component, type ReactNode } from 'react';

/** Keeps one broken screen from blanking the whole app; the header stays usable. */
export class ErrorBoundary extends Component<{ children: ReactNode; message: string }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (this.state.failed) {
      return (
        <div className="error" role="alert">
          {this.props.message}
        </div>
      );
    }
    return this.props.children;
  }
}
