package org.transformerguide.playground.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All of a model's parameters in one flat {@code float[]} and all their gradients in another, llm.c's
 * layout: every {@link Parameter} is a named slice. The optimizer, gradient clipping and a checkpoint
 * each walk one or two arrays instead of dozens of small ones.
 */
public final class ParameterSet {

    private final float[] values;
    private final float[] gradients;
    private final boolean[] decays; // per number: whether weight decay applies
    private final Map<String, Parameter> byName = new LinkedHashMap<>();
    private int allocated;

    /** Flat arrays for exactly {@code size} numbers, to be handed out by {@link #allocate}. */
    public ParameterSet(long size) {
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("Too many parameters for one Java array: " + size);
        }
        values = new float[(int) size];
        gradients = new float[(int) size];
        decays = new boolean[(int) size];
    }

    /** The next {@code shape}-sized slice of the arrays, as a named parameter. */
    public Parameter allocate(String name, boolean decay, int... shape) {
        long size = 1;
        for (int dimension : shape) {
            size *= dimension;
        }
        if (allocated + size > values.length) {
            throw new IllegalStateException("Parameter " + name + " does not fit: " + allocated + " + " + size + " > " + values.length);
        }
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("Duplicate parameter name " + name);
        }
        Parameter parameter = new Parameter(name, allocated, shape.clone(), decay, this);
        java.util.Arrays.fill(decays, allocated, (int) (allocated + size), decay);
        allocated += (int) size;
        byName.put(name, parameter);
        return parameter;
    }

    /** Fails unless every number of the arrays belongs to a parameter (the size was computed right). */
    public void requireFullyAllocated() {
        if (allocated != values.length) {
            throw new IllegalStateException("Allocated " + allocated + " of " + values.length + " parameter numbers");
        }
    }

    public List<Parameter> list() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    public Parameter get(String name) {
        Parameter parameter = byName.get(name);
        if (parameter == null) {
            throw new IllegalArgumentException("No parameter " + name);
        }
        return parameter;
    }

    /** Every parameter value, flat [n]; writes go to the parameters. */
    public float[] values() {
        return values;
    }

    /** Every gradient, flat [n], in the same order as {@link #values()}. */
    public float[] gradients() {
        return gradients;
    }

    /** Whether weight decay applies to number i. */
    public boolean decays(int i) {
        return decays[i];
    }

    public int size() {
        return values.length;
    }
}
