"""The shape of the code, as tests: one writer per table, no import cycle among the apps.

Both read the source with `ast` and import nothing of the apps beyond Django's model registry.
"""

import ast
import re
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent

# --- one writer per table ----------------------------------------------------------------------

# Who owns a table: the app package whose models module defines the model. `community` is the
# core app (users, profiles, schools, regions, ambassadorships...); its two sub-apps own their
# own models modules. config/ owns no table, nor does the realtime package (community/realtime:
# the consumer, protocol, hub, presence, events), which is scanned as a package of its own so
# that the transport writing any app's table is a foreign write.
OWNERS = {
    "community.discussions.models": "community/discussions",
    "community.moderation.models": "community/moderation",
    "community.models": "community",
    "projects.models": "projects",
    "cms.models": "cms",
}
PACKAGES = [
    "community/discussions",
    "community/moderation",
    "community/realtime",
    "community",
    "projects",
    "cms",
    "config",
]

WRITES = {
    "save",
    "delete",
    "update",
    "create",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "bulk_update",
}

# Writes into another app's tables that are allowed, as (file, model, method), each with its
# reason; anything else fails, and so does an entry that no longer matches a write. Keep it short.
ALLOWED_FOREIGN_WRITES = {
    # By design: presence keeps "last seen" on the profile, at most one UPDATE a minute per
    # person from the socket's ping; a service call per ping would add nothing but a hop.
    ("community/realtime/presence.py", "Profile", "update"),
    # Known, not yet moved (projects/ is being reshaped at the same time; each wants a service
    # of the owner): a project creates its discussion room; a teacher creates and erases pupils'
    # accounts, and erasing them clears their posts and attachments.
    ("projects/services/lifecycle.py", "Room", "create"),
    ("projects/services/pupils.py", "User", "save"),
    ("projects/services/pupils.py", "User", "delete"),
    ("projects/services/pupils.py", "Message", "update"),
    ("projects/services/pupils.py", "Attachment", "delete"),
}


def _owner_of_module(module):
    for prefix, owner in OWNERS.items():
        if module == prefix or module.startswith(prefix + "."):
            return owner
    return None


def _model_owners():
    """Class name -> owner, for every model of the project's apps (by the module defining it)."""
    owners = {}
    for model in apps.get_models():
        owner = _owner_of_module(model.__module__)
        if owner is not None:
            owners.setdefault(model.__name__, owner)
    return owners


def _package_of(path):
    relative = path.relative_to(ROOT).as_posix()
    for package in PACKAGES:  # the sub-apps (and realtime) before the core package that holds them
        if relative.startswith(package + "/"):
            return package
    return None


def _scanned_files():
    """The apps' own code: not migrations, demo seeders, management commands or tests (they
    build whole worlds on purpose, through every app's tables)."""
    for package in ("community", "projects", "cms", "config"):
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "migrations" in parts or "management" in parts or "tests" in parts:
                continue
            if path.name in ("demo.py", "demo_large.py"):
                continue
            yield path


def _root_name(node):
    """The name an expression starts from: `Room` in `Room.objects.filter(...).update`."""
    while True:
        if isinstance(node, ast.Attribute):
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            break
    return node.id if isinstance(node, ast.Name) else None


def _snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class _WriteFinder:
    """The writes of one file on models it imports from another app's models module.

    A write is found on `Model.objects...<write>(...)`, `Model(...).save()`, and on a variable
    that holds such a row: bound (in the same function) from an expression that starts at the
    model, from a call to a function of the same file that returns one, or named like the model
    (`membership` for `Membership`, as a parameter or a loop variable)."""

    def __init__(self, source, own, model_owners, filename="<source>"):
        self.own = own
        self.tree = ast.parse(source, filename=filename)
        self.foreign = {}  # local name -> (model, owner) of imported foreign models
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                owner = _owner_of_module(node.module)
                if owner is None or owner == self.own:
                    continue
                for alias in node.names:
                    if alias.name in model_owners:
                        self.foreign[alias.asname or alias.name] = (alias.name, owner)
        self.by_snake = {
            _snake(name): (model, owner) for name, (model, owner) in self.foreign.items()
        }
        self.returning = {}  # function name -> (model, owner) it returns

    def _origin(self, expr, bound):
        root = _root_name(expr)
        if root is None:
            return None
        if root in self.foreign:
            return self.foreign[root]
        if root in bound:
            return bound[root]
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name):
            return self.returning.get(expr.func.id)
        return None

    def _bind(self, target, origin, bound):
        if isinstance(target, ast.Name) and origin is not None:
            bound[target.id] = origin

    def _function_rows(self, function):
        """Names bound to foreign rows inside `function` (flow-insensitive), and what it returns."""
        bound = {}
        arguments = function.args.posonlyargs + function.args.args + function.args.kwonlyargs
        for argument in arguments:
            if argument.arg in self.by_snake:
                bound[argument.arg] = self.by_snake[argument.arg]
        returned = None
        for _ in range(2):  # twice, so that a name bound from a name bound later is seen
            for node in ast.walk(function):
                if isinstance(node, ast.Assign):
                    for target in node.targets:
                        self._bind(target, self._origin(node.value, bound), bound)
                        if isinstance(target, ast.Tuple) and target.elts:
                            # `membership, created = Membership.objects.get_or_create(...)`
                            self._bind(target.elts[0], self._origin(node.value, bound), bound)
                elif isinstance(node, ast.NamedExpr):
                    self._bind(node.target, self._origin(node.value, bound), bound)
                elif isinstance(node, (ast.For, ast.comprehension)):
                    origin = self._origin(node.iter, bound)
                    if origin is None and isinstance(node.target, ast.Name):
                        origin = self.by_snake.get(node.target.id)
                    self._bind(node.target, origin, bound)
                elif isinstance(node, ast.Return) and node.value is not None:
                    returned = returned or self._origin(node.value, bound)
        return bound, returned

    def writes(self):
        functions = [
            node
            for node in ast.walk(self.tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        ]
        for _ in range(3):  # functions returning rows of functions returning rows
            for function in functions:
                _bound, returned = self._function_rows(function)
                if returned is not None:
                    self.returning[function.name] = returned
        scopes = [(function, self._function_rows(function)[0]) for function in functions]
        scopes.append((self.tree, {}))
        seen = set()
        for scope, bound in scopes:
            for node in ast.walk(scope):
                if not (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in WRITES
                ):
                    continue
                receiver = node.func.value
                if _root_name(receiver) in self.foreign:  # Model.objects.filter(...).update()
                    origin = self.foreign[_root_name(receiver)]
                elif isinstance(receiver, ast.Name):  # the row itself, not `row.file.delete()`
                    origin = bound.get(receiver.id) or self.by_snake.get(receiver.id)
                else:
                    origin = None
                if origin is None or (node.lineno, node.col_offset) in seen:
                    continue
                seen.add((node.lineno, node.col_offset))
                model, owner = origin
                yield node.lineno, model, owner, node.func.attr


def foreign_writes():
    model_owners = _model_owners()
    found = []
    for path in _scanned_files():
        finder = _WriteFinder(path.read_text(), _package_of(path), model_owners, str(path))
        for line, model, owner, method in finder.writes():
            found.append((path.relative_to(ROOT).as_posix(), line, model, owner, method))
    return found


def test_no_app_writes_another_apps_tables():
    """Each table has one writer, the app that owns it (OWNERS): another app calls its
    services. Scanned: the code of community/ (the core app and its two sub-apps), projects/,
    cms/ and config/; not migrations, the demo seeders (demo.py, demo_large.py), management
    commands or tests, which build whole worlds through every app's tables on purpose. A write
    found here moves into a service of the owning app, or, when it is so by design, gets a line
    with its reason in ALLOWED_FOREIGN_WRITES. `select_for_update` is a read."""
    found = foreign_writes()
    offending = [
        f"{path}:{line}: {model}.{method}() writes a table of {owner}"
        for path, line, model, owner, method in found
        if (path, model, method) not in ALLOWED_FOREIGN_WRITES
    ]
    assert not offending, "\n".join(offending)
    used = {(path, model, method) for path, _line, model, _owner, method in found}
    stale = sorted(set(ALLOWED_FOREIGN_WRITES) - used)
    assert not stale, f"allowed writes that no longer exist (remove them): {stale}"


def test_the_write_finder_sees_the_usual_forms():
    """The scanner itself: each form of a write on another app's row is found, reads are not."""
    source = """
from community.discussions.models import Membership, Room


def _room(room_id):
    return Room.objects.select_for_update().filter(pk=room_id).first()


def lock(room_id):
    room = _room(room_id)
    room.is_locked = True
    room.save(update_fields=["is_locked"])


def queryset():
    Room.objects.filter(pk=1).update(is_locked=True)
    Membership.objects.get_or_create(user_id=1, community_id=1)


def by_name(membership):
    membership.delete()


def reads():
    Room.objects.select_for_update().filter(pk=1).first()
    Membership.objects.filter(pk=1).exists()
"""
    finder = _WriteFinder(source, "projects", _model_owners())
    found = sorted((line, model, method) for line, model, _owner, method in finder.writes())
    assert found == [
        (12, "Room", "save"),
        (16, "Room", "update"),
        (17, "Membership", "get_or_create"),
        (21, "Membership", "delete"),
    ]


# --- no import cycle ---------------------------------------------------------------------------

GRAPH_PACKAGES = ("community", "cms", "projects", "config")


def _module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _graph_files():
    for package in GRAPH_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.relative_to(ROOT).parts:
                yield path


def _is_type_checking(test):
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _module_level_imports(tree):
    """The import statements run when the module is imported: its body, `if`/`try`/`with` blocks
    and class bodies at that level; not functions (deferred), not `if TYPE_CHECKING:`."""
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        elif isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                pending.extend(node.body)
            pending.extend(node.orelse)
        elif isinstance(node, ast.Try):
            pending.extend(node.body + node.orelse + node.finalbody)
            for handler in node.handlers:
                pending.extend(handler.body)
        elif isinstance(node, (ast.With, ast.ClassDef)):
            pending.extend(node.body)


def import_graph():
    """module -> the project modules it imports at module level."""
    files = {_module_name(path): path for path in _graph_files()}
    graph = {}
    for module, path in files.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        edges = set()
        for node in _module_level_imports(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                # `from a import b`: the submodule a.b when there is one, else a itself
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in files else base
                    for alias in node.names
                ]
            edges.update(target for target in targets if target in files and target != module)
        graph[module] = edges
    return graph


def import_cycles(graph):
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def _one_loop(graph, component):
    """The shortest loop through the component's first module: a -> b -> ... -> a."""
    members, start = set(component), component[0]
    came_from, frontier = {}, [start]
    while frontier:
        following = []
        for module in frontier:
            for target in sorted(graph[module] & members):
                if target == start:
                    path = [module]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return " -> ".join([start, *reversed(path[:-1]), start])
                if target not in came_from:
                    came_from[target] = module
                    following.append(target)
        frontier = following
    return " -> ".join(component)


def test_no_import_cycle_among_the_apps_modules():
    """No module of the apps imports, at module level, a module that imports it back (directly
    or around a loop): the loop is printed. Function-local imports are not counted, as they run
    only when called; they are not the way to break a loop either: move the shared piece into a
    module both can import, or turn the call around (a registry, a signal)."""
    graph = import_graph()
    cycles = import_cycles(graph)
    assert not cycles, "import cycles:\n" + "\n".join(_one_loop(graph, c) for c in cycles)
