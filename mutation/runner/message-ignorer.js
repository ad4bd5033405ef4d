// StrykerJS ignorer "refusal-messages": the words of a refusal are for people. What a client acts on is
// the refusal's code, status and field, which the specs check exactly; that a refusal has words at all
// is checked by every thenThrows (libs/domain/src/testing/given-when-then.ts). So text mutants of the
// message argument of the error factories, of the act a date must not precede (used only in the
// message) and of the `detail` sentence of an integrity finding are left out. mutation/REPORT.md
// counts them.
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

/** Callee name → index of its message-only argument. */
const MESSAGE_ARGUMENT = {
  rule: 1,
  notFound: 1,
  conflict: 1,
  forbidden: 0,
  DomainError: 1,
  requireNotBefore: 2,
  releasedError: 1,
};

export const refusalMessages = {
  shouldIgnore(path) {
    // verifyLog's findings: `detail` is the sentence (all of it); problem and where are checked.
    if (path.parentPath?.isObjectProperty() && path.key === 'value') {
      const key = path.parentPath.node.key;
      if (key.type === 'Identifier' && key.name === 'detail')
        return 'the words of an integrity finding (its problem and where are checked exactly)';
    }
    if (!path.isStringLiteral() && !path.isTemplateLiteral()) return undefined;
    const call = path.parentPath;
    if (!call || !(call.isCallExpression() || call.isNewExpression()) || path.listKey !== 'arguments')
      return undefined;
    const callee = call.node.callee;
    const name = callee.type === 'Identifier' ? callee.name : undefined;
    if (name !== undefined && MESSAGE_ARGUMENT[name] === path.key)
      return 'the words of a refusal (its code, status and field are checked exactly)';
    return undefined;
  },
};

export const strykerPlugins = [declareValuePlugin(PluginKind.Ignore, 'refusal-messages', refusalMessages)];
