package ai.honeyhive.spring.test;

import java.util.ArrayList;
import java.util.List;

/**
 * A tree's shape, from an indented text (one {@code <type> <name>} line per node) or from
 * recorded nodes, in a canonical form in which siblings are sorted: concurrent children
 * start in no fixed order, so a shape does not fix one.
 */
final class TreeShape {

	private final String label;

	private final List<TreeShape> children = new ArrayList<>();

	private TreeShape(String label) {
		this.label = label;
	}

	static String canonical(List<RecordedEvent> roots) {
		List<TreeShape> shapes = new ArrayList<>();
		roots.forEach((root) -> shapes.add(of(root)));
		return canonical(shapes, 0);
	}

	/**
	 * Parses an indented text: deeper indentation (spaces; a tab counts as four) than the
	 * line above opens a level, a line as deep as an earlier one closes the levels below
	 * it, and blank lines are ignored.
	 */
	static String parseCanonical(String text) {
		List<TreeShape> roots = new ArrayList<>();
		List<TreeShape> stack = new ArrayList<>();
		List<Integer> indents = new ArrayList<>();
		for (String rawLine : text.replace("\t", "    ").split("\\R")) {
			if (rawLine.isBlank()) {
				continue;
			}
			int indent = rawLine.length() - rawLine.stripLeading().length();
			TreeShape node = new TreeShape(rawLine.strip().replaceAll("\\s+", " "));
			while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
				indents.remove(indents.size() - 1);
				stack.remove(stack.size() - 1);
			}
			if (stack.isEmpty()) {
				roots.add(node);
			}
			else {
				stack.get(stack.size() - 1).children.add(node);
			}
			stack.add(node);
			indents.add(indent);
		}
		return canonical(roots, 0);
	}

	private static TreeShape of(RecordedEvent event) {
		TreeShape shape = new TreeShape(event.label());
		event.children().forEach((child) -> shape.children.add(of(child)));
		return shape;
	}

	private static String canonical(List<TreeShape> nodes, int depth) {
		List<String> rendered = new ArrayList<>();
		for (TreeShape node : nodes) {
			rendered.add("  ".repeat(depth) + node.label + "\n" + canonical(node.children, depth + 1));
		}
		rendered.sort(null);
		return String.join("", rendered);
	}

}
