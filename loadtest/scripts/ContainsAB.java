import dev.sieve.words.*;
import java.nio.file.*; import java.util.*;
public class ContainsAB {
  public static void main(String[] a) throws Exception {
    byte[] all = Files.readAllBytes(Path.of(a[0]));
    List<byte[]> ws = new ArrayList<>(); int s=0;
    for (int i=0;i<all.length;i++) if (all[i]=='\n'){ if(i>s) ws.add(Arrays.copyOfRange(all,s,i)); s=i+1;}
    ws.sort(Arrays::compareUnsigned);
    WordSetBuilder b = new WordSetBuilder(); byte[] prev=null; for (byte[] w: ws) { if (prev==null||!Arrays.equals(prev,w)) b.add(w,0,w.length); prev=w; }
    WordSet set = b.build();
    Random r = new Random(1); byte[][] q = new byte[65536][]; byte[][] miss = new byte[65536][];
    for (int i=0;i<q.length;i++) { q[i]=ws.get(r.nextInt(ws.size())); byte[] m = q[i].clone(); m[r.nextInt(m.length)] ^= 1; miss[i]=m; }
    int R = 31; long[] t = new long[R], u = new long[R]; long sink=0;
    for (int round=0; round<R; round++) {
      long t0=System.nanoTime(); for (byte[] w: q) if (set.contains(w,0,w.length)) sink++; 
      long t1=System.nanoTime(); for (byte[] w: miss) if (set.contains(w,0,w.length)) sink++;
      long t2=System.nanoTime(); t[round]=(t1-t0)/q.length; u[round]=(t2-t1)/q.length; }
    Arrays.sort(t); Arrays.sort(u);
    System.out.println(a[1] + " bytes " + set.byteSize() + " member median " + t[R/2] + " ns (min " + t[0] + "), mutated median " + u[R/2] + " ns (min " + u[0] + ") " + sink);
  }
}
