"""React context: a provider's ``value`` is what ``useContext`` of its context gives in
the module (facts of one file)."""

from __future__ import annotations

import textwrap

from evdict.scanner.frontends.javascript import extract
from evdict.scanner.model import RETURNED, Call, FileFacts, Ref


def facts(source: str) -> FileFacts:
    return extract(textwrap.dedent(source).lstrip("\n").encode("utf-8"), "x.tsx")


def test_use_context_of_a_context_provided_here_is_a_call_of_its_provider() -> None:
    result = facts(
        """
        const Ctx = createContext(null);
        export function useAnalytics() { return useContext(Ctx); }
        export function AnalyticsProvider({ children }) {
          const track = (event) => posthog.capture(event);
          return <Ctx.Provider value={{ track }}>{children}</Ctx.Provider>;
        }
        """
    )
    returned = {b.scope: b.value for b in result.bindings if b.target == RETURNED}
    assert returned["useAnalytics"] == Call(("AnalyticsProvider",), (), (), (), (2, 41, 2, 56))
    # the value is the provider's "return": a namespace whose track is its local function
    assert [c.qualname for c in result.classes] == ["AnalyticsProvider.<return>"]
    member = next(b for b in result.bindings if b.scope == "AnalyticsProvider.<return>")
    assert (member.target, member.value) == ("track", Ref(("track",), (5, 33, 5, 38)))
    assert "Provider" not in result.calls  # a provider's element is no call


def test_a_provider_in_a_nested_function_or_another_module_is_not_read() -> None:
    result = facts(
        """
        import { Ctx } from "./ctx";
        const Local = createContext(null);
        export const useA = () => useContext(Ctx);
        export const useB = () => useContext(Local);
        export function Outer() {
          function Inner() { return <Local value={{ track }} />; }
          return <Picker value="x" />;
        }
        """
    )
    returned = {b.scope: b.value for b in result.bindings if b.target == RETURNED}
    assert isinstance(returned["useA"], Call) and returned["useA"].callee == ("useContext",)
    assert isinstance(returned["useB"], Call) and returned["useB"].callee == ("useContext",)
    assert [site.call.callee for site in result.calls["Picker"]] == [("Picker",)]


def test_a_function_written_in_the_provided_value_is_one_member_and_its_call_one_site() -> None:
    result = facts(
        """
        const Ctx = createContext(null);
        export function Provider({ children }) {
          return <Ctx.Provider value={{ track: (event) => posthog.capture(event) }}>{children}</Ctx.Provider>;
        }
        """
    )
    (site,) = result.calls["capture"]
    assert site.scope == "Provider.<return>.track"
    assert [f.qualname for f in result.functions] == ["Provider", "Provider.<return>.track"]
