package org.transformerguide.playground.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * All of a model's parameters in one flat buffer and all their gradients in another, llm.c's layout:
 * every {@link Parameter} is a view of a slice. The optimizer and gradient clipping then touch three or
 * four large arrays per step instead of dozens of small ones (each ND4J call has a fixed cost), and a
 * checkpoint is one array.
 */
public final class ParameterSet {

    private final INDArray values;     // [n]
    private final INDArray gradients;  // [n]
    private final INDArray decayMask;  // [n]: 1 where weight decay applies, else 0
    private final Map<String, Parameter> byName = new LinkedHashMap<>();
    private long allocated;

    /** Flat buffers for exactly {@code size} numbers of type {@code dataType}, to be handed out by {@link #allocate}. */
    public ParameterSet(long size, DataType dataType) {
        values = Nd4j.zeros(dataType, size);
        gradients = Nd4j.zeros(dataType, size);
        decayMask = Nd4j.zeros(dataType, size);
    }

    /** The next {@code shape}-sized slice of the buffers, as a named parameter. */
    public Parameter allocate(String name, boolean decay, long... shape) {
        long size = 1;
        for (long dimension : shape) {
            size *= dimension;
        }
        if (allocated + size > values.length()) {
            throw new IllegalStateException("Parameter " + name + " does not fit: " + allocated + " + " + size + " > " + values.length());
        }
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("Duplicate parameter name " + name);
        }
        var slice = NDArrayIndex.interval(allocated, allocated + size);
        INDArray value = values.get(slice).reshape('c', shape);
        INDArray gradient = gradients.get(slice).reshape('c', shape);
        if (!value.isView() || !gradient.isView()) {
            throw new IllegalStateException("ND4J copied instead of viewing the slice for " + name);
        }
        if (decay) {
            decayMask.get(slice).assign(1);
        }
        allocated += size;
        Parameter parameter = new Parameter(name, value, gradient, decay);
        byName.put(name, parameter);
        return parameter;
    }

    /** Fails unless every number of the buffers belongs to a parameter (the size was computed right). */
    public void requireFullyAllocated() {
        if (allocated != values.length()) {
            throw new IllegalStateException("Allocated " + allocated + " of " + values.length() + " parameter numbers");
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
    public INDArray values() {
        return values;
    }

    /** Every gradient, flat [n], in the same order as {@link #values()}. */
    public INDArray gradients() {
        return gradients;
    }

    /** Every value into {@code dst} [n] (plain Java arrays are what the optimizer's loops run on). */
    public void readValues(double[] dst) {
        new NativeRows(values).read(0, dst);
    }

    /** Every value from {@code src} [n]. */
    public void writeValues(double[] src) {
        new NativeRows(values).write(0, src);
    }

    /** Every gradient into {@code dst} [n], in the order of {@link #readValues}. */
    public void readGradients(double[] dst) {
        new NativeRows(gradients).read(0, dst);
    }

    /** Every gradient from {@code src} [n]. */
    public void writeGradients(double[] src) {
        new NativeRows(gradients).write(0, src);
    }

    /** 1 where weight decay applies, 0 elsewhere, flat [n]. */
    public INDArray decayMask() {
        return decayMask;
    }

    public long size() {
        return values.length();
    }

    public DataType dataType() {
        return values.dataType();
    }
}
