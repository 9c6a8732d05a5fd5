"""The agent's brain: one turn = understand -> route -> skill(s) -> replies + trace.

Public API:

- ``Engine(deps).turn(TurnInput(...)) -> TurnOutcome`` (``agent.engine.turn``);
- ``EngineDeps``, ``SkillGate``, ``Verifier``: the collaborators it is given
  (``agent.engine.deps``); ``engine_default(now=...)`` wires the real ones
  (``agent.engine.production``);
- ``DialogueState``: what a conversation remembers between turns (``Conversation.state``);
- ``route_decide``: the pure routing decision (``agent.engine.routing``).

The engine reads and decides; ``agent.services.message_receive`` stores what it decided.
"""

from agent.engine.deps import EngineDeps, SkillGate, Verifier
from agent.engine.routing import Route, route_decide
from agent.engine.state import DialogueState, Option, Pending, SignIn
from agent.engine.turn import Engine
from agent.engine.types import EngineEvent, TurnInput, TurnOutcome

__all__ = [
    "DialogueState",
    "Engine",
    "EngineDeps",
    "EngineEvent",
    "Option",
    "Pending",
    "Route",
    "SignIn",
    "SkillGate",
    "TurnInput",
    "TurnOutcome",
    "Verifier",
    "route_decide",
]
